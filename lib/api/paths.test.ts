import { describe, expect, it } from "vitest";

import { hasMalformedEncoding } from "./paths";

describe("hasMalformedEncoding", () => {
  it("finds segments that are not valid percent-encoded UTF-8", () => {
    for (const path of ["/api/v1/members/%ZZ", "/api/v1/members/%C0%AF", "/api/auth/%", "/a/%E0%A4", "/x/%ED%A0%80"]) {
      expect(hasMalformedEncoding(path), path).toBe(true);
    }
  });

  it("accepts plain and well-encoded paths", () => {
    for (const path of ["/api/v1/members", "/api/v1/members/%00", "/t/caf%C3%A9", "/a%2Fb", "/%F0%9F%8D%9E"]) {
      expect(hasMalformedEncoding(path), path).toBe(false);
    }
  });
});
