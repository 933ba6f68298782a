import { describe, expect, it } from "vitest";

import { decideDeclaredPath, hasMalformedEncoding } from "./paths";
import { V1_ROUTES } from "./v1";

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

describe("decideDeclaredPath", () => {
  it("passes declared methods, and HEAD/OPTIONS that Next.js answers itself", () => {
    expect(decideDeclaredPath(V1_ROUTES, "GET", "/api/v1/members")).toEqual({ kind: "pass" });
    expect(decideDeclaredPath(V1_ROUTES, "PATCH", "/api/v1/members/u_1")).toEqual({ kind: "pass" });
    expect(decideDeclaredPath(V1_ROUTES, "HEAD", "/api/v1/members")).toEqual({ kind: "pass" });
    expect(decideDeclaredPath(V1_ROUTES, "OPTIONS", "/api/v1/api-keys/k/roll")).toEqual({ kind: "pass" });
    expect(decideDeclaredPath(V1_ROUTES, "DELETE", "/api/v1/api-keys/%00")).toEqual({ kind: "pass" });
  });

  it("answers 405 with the allowed methods for an undeclared method", () => {
    expect(decideDeclaredPath(V1_ROUTES, "PUT", "/api/v1/members")).toEqual({
      kind: "method_not_allowed",
      allow: ["GET", "HEAD", "OPTIONS"],
    });
    expect(decideDeclaredPath(V1_ROUTES, "POST", "/api/v1/members/u_1")).toEqual({
      kind: "method_not_allowed",
      allow: ["GET", "HEAD", "PATCH", "DELETE", "OPTIONS"],
    });
    expect(decideDeclaredPath(V1_ROUTES, "GET", "/api/v1/paypal/create-order")).toEqual({
      kind: "method_not_allowed",
      allow: ["POST", "OPTIONS"],
    });
  });

  it("answers 404 for paths no declaration matches", () => {
    for (const path of ["/api/v1", "/api/v1/nope", "/api/v1/members/a/b", "/api/v1/%6Dembers"]) {
      expect(decideDeclaredPath(V1_ROUTES, "GET", path), path).toEqual({ kind: "not_found" });
    }
  });
});
