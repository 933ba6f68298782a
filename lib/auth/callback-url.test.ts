import { describe, expect, it } from "vitest";

import { authPageUrl, safeCallbackUrl } from "./callback-url";

describe("safeCallbackUrl", () => {
  it("keeps same-origin relative paths with their query and hash", () => {
    expect(safeCallbackUrl("/t/acme")).toBe("/t/acme");
    expect(safeCallbackUrl("/t/acme/keys?tab=all#new")).toBe("/t/acme/keys?tab=all#new");
    expect(safeCallbackUrl("/invite/a.b.c")).toBe("/invite/a.b.c");
  });

  it("normalises dot segments without leaving the origin", () => {
    expect(safeCallbackUrl("/t/../admin")).toBe("/admin");
    expect(safeCallbackUrl("/../../etc")).toBe("/etc");
  });

  it.each([
    ["absolute URL", "https://evil.test/x"],
    ["protocol-relative", "//evil.test/x"],
    ["backslash", "/\\evil.test"],
    ["encoded newline trick", "/\n/evil.test"],
    ["tab trick", "/\t/evil.test"],
    ["javascript URL", "javascript:alert(1)"],
    ["relative without slash", "dashboard"],
    ["empty", ""],
    ["not a string", 42],
    ["missing", undefined],
    ["too long", `/${"a".repeat(2001)}`],
  ])("falls back for %s", (_label, value) => {
    expect(safeCallbackUrl(value)).toBe("/dashboard");
    expect(safeCallbackUrl(value, "/new")).toBe("/new");
  });
});

describe("authPageUrl", () => {
  it("builds sign-in and sign-up links with encoded parameters", () => {
    expect(authPageUrl("/sign-in")).toBe("/sign-in");
    expect(authPageUrl("/sign-up", { callbackUrl: "/invite/a.b.c", email: "a+b@example.test" })).toBe(
      "/sign-up?callbackUrl=%2Finvite%2Fa.b.c&email=a%2Bb%40example.test",
    );
  });

  it("drops an unsafe callback URL", () => {
    expect(authPageUrl("/sign-in", { callbackUrl: "https://evil.test" })).toBe("/sign-in");
  });
});
