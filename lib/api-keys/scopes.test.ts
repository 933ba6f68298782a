import { describe, expect, it } from "vitest";

import { ROLES } from "../tenancy/permissions";
import { PLATFORM_SCOPE_LIST, scopesBeyondRole, scopesForRole, TENANT_SCOPE_LIST } from "./scopes";
import { generateSecret, hashSecret, looksLikeSecret, visibleStart } from "./secret";

describe("scopes", () => {
  it("give owners every tenant scope and viewers only read scopes", () => {
    expect(scopesForRole("OWNER")).toEqual(TENANT_SCOPE_LIST);
    expect(scopesForRole("VIEWER").every((scope) => scope.endsWith(":read"))).toBe(true);
    expect(scopesForRole("VIEWER")).not.toContain("api_keys:read");
  });

  it("keep billing:write from admins and everything but billing from the billing role", () => {
    expect(scopesForRole("ADMIN")).not.toContain("billing:write");
    expect(scopesForRole("BILLING")).toContain("billing:write");
    expect(scopesForRole("BILLING")).not.toContain("api_keys:write");
  });

  it("report what a role may not grant, platform scopes included", () => {
    for (const role of ROLES) {
      expect(scopesBeyondRole(role, scopesForRole(role))).toEqual([]);
      expect(scopesBeyondRole(role, PLATFORM_SCOPE_LIST)).toEqual(PLATFORM_SCOPE_LIST);
    }
    expect(scopesBeyondRole("MEMBER", ["tenant:read", "members:write"])).toEqual(["members:write"]);
  });
});

describe("secrets", () => {
  it("have the documented shape, are unique, and only their start is shown", () => {
    const secrets = Array.from({ length: 500 }, () => generateSecret("TENANT"));
    expect(new Set(secrets).size).toBe(500);
    for (const secret of secrets.slice(0, 20)) {
      expect(secret).toMatch(/^tsk_live_[0-9A-Za-z]{32}$/);
      expect(looksLikeSecret(secret)).toBe(true);
      expect(visibleStart(secret)).toBe(secret.slice(0, 13));
    }
    const platform = generateSecret("PLATFORM");
    expect(platform).toMatch(/^tsk_plat_/);
    expect(visibleStart(platform)).toBe(platform.slice(0, 13));
  });

  it("hash to hex sha256 and reject look-alikes", () => {
    expect(hashSecret("tsk_live_x")).toMatch(/^[0-9a-f]{64}$/);
    expect(looksLikeSecret("tsk_live_" + "a".repeat(31))).toBe(false);
    expect(looksLikeSecret("tsk_test_" + "a".repeat(32))).toBe(false);
    expect(looksLikeSecret("tsk_live_" + "a".repeat(31) + "!")).toBe(false);
  });

  it("use every character of the alphabet about equally (no modulo bias)", () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i += 1) {
      for (const c of generateSecret("TENANT").slice(9)) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect(counts.size).toBe(62);
    const expected = (2000 * 32) / 62;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.2);
  });
});
