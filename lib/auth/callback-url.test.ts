import { describe, expect, it } from "vitest";

import { env } from "../env";
import { authPageUrl, safeCallbackUrl } from "./callback-url";

const ORIGIN = new URL(env.APP_URL).origin;

/** What a browser would do with the answer as a Location header: where does it land? */
function landsOn(location: string, origin = ORIGIN): string {
  return new URL(location, `${origin}/some/page`).origin;
}

describe("safeCallbackUrl", () => {
  it.each([
    ["/t/acme", "/t/acme"],
    ["/t/acme/keys?tab=all#new", "/t/acme/keys?tab=all#new"],
    ["/invite/a.b.c", "/invite/a.b.c"],
    ["/", "/"],
    ["  /t/acme  ", "/t/acme"],
    // dot segments are resolved without leaving the origin
    ["/t/../admin", "/admin"],
    ["/../../etc", "/etc"],
    ["/t/./acme", "/t/acme"],
    ["/t/%2e%2e/admin", "/admin"],
    // encoded slashes and backslashes stay encoded: a path segment, not a host
    ["/%2f%2fevil.com", "/%2f%2fevil.com"],
    ["/%5c%5cevil.com", "/%5c%5cevil.com"],
    ["/t/acme?next=//evil.com", "/t/acme?next=//evil.com"],
    ["/t/acme#//evil.com", "/t/acme#//evil.com"],
    // an absolute URL on the app's own origin becomes its path
    [`${ORIGIN}/t/acme?x=1`, "/t/acme?x=1"],
  ])("keeps %j as %j", (value, expected) => {
    expect(safeCallbackUrl(value)).toBe(expected);
  });

  it.each([
    // the three: dot segments that normalise into a protocol-relative URL
    ["dot slash", "/.//evil.com"],
    ["dot-dot slash", "/..//evil.com"],
    ["encoded dot-dot", "/%2e%2e//evil.com"],
    ["upper-case encoded dot-dot", "/%2E%2E//evil.com"],
    ["encoded single dot", "/%2e//evil.com"],
    ["mixed dot-dot", "/.%2e//evil.com"],
    ["segment then dot-dot", "/a/..//evil.com"],
    ["deep dot-dots", "/x/y/%2e%2e/%2e%2e/..//evil.com"],
    ["double slash after dot, path follows", "/.//evil.com/x?y#z"],
    ["collapses to a bare //", "/.//evil.com/%2e%2e"],
    ["dot then backslash", "/./\\evil.com"],
    // protocol-relative and absolute URLs elsewhere
    ["protocol-relative", "//evil.test/x"],
    ["triple slash", "///evil.test"],
    ["absolute URL", "https://evil.test/x"],
    ["absolute URL, upper-case scheme", "HTTPS://evil.test"],
    ["other port of the app host", `${new URL(ORIGIN).protocol}//${new URL(ORIGIN).hostname}:1/x`],
    ["app origin with credentials", `${ORIGIN.replace("://", "://user:pass@")}/x`],
    ["app origin, then //", `${ORIGIN}//evil.com`],
    ["scheme-relative with backslashes", "\\\\evil.test"],
    ["backslash", "/\\evil.test"],
    ["backslash after dot-dot", "/..\\evil.test"],
    ["newline trick", "/\n/evil.test"],
    ["tab trick", "/\t/evil.test"],
    ["carriage return", "/\r/evil.test"],
    ["NUL", "/\u0000/evil.test"],
    ["DEL", "/\u007f/evil.test"],
    ["javascript URL", "javascript:alert(1)"],
    ["data URL", "data:text/html,<script>alert(1)</script>"],
    ["mailto", "mailto:a@evil.test"],
    ["relative without slash", "dashboard"],
    ["host-looking relative", "evil.test/x"],
    ["query only", "?x=1"],
    ["fragment only", "#x"],
    ["empty", ""],
    ["spaces", "   "],
    ["not a string", 42],
    ["an object", { toString: () => "/t/acme" }],
    ["missing", undefined],
    ["null", null],
    ["too long", `/${"a".repeat(2001)}`],
  ])("falls back for %s (%j)", (_label, value) => {
    expect(safeCallbackUrl(value)).toBe("/dashboard");
    expect(safeCallbackUrl(value, "/new")).toBe("/new");
  });

  it("answers only paths that stay on the app's origin, whatever the page they are followed from", () => {
    const samples = [
      "/t/acme",
      "/.//evil.com",
      "/..//evil.com",
      "/%2e%2e//evil.com",
      "/a/b/../../..//evil.com/x",
      "/%2F%2Fevil.com",
      "/.%2E/%2e.//evil.com",
      `${ORIGIN}/../..//evil.com`,
      "/\u3002/evil.com",
      "/ /evil.com",
    ];
    for (const sample of samples) {
      const answer = safeCallbackUrl(sample, "/fallback");
      expect(answer, sample).toMatch(/^\/(?![/\\])/);
      expect(landsOn(answer), sample).toBe(ORIGIN);
      expect(landsOn(answer, "https://other.example"), sample).toBe("https://other.example");
      // Idempotent: a kept answer passes through again unchanged.
      expect(safeCallbackUrl(answer, "/fallback"), sample).toBe(answer);
    }
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
    expect(authPageUrl("/sign-in", { callbackUrl: "/..//evil.com" })).toBe("/sign-in");
  });
});
