import { describe, expect, it, vi } from "vitest";

import {
  createDomainCache,
  customDomainRewrite,
  isAppHost,
  normalizeHost,
  servesCustomDomain,
  type DomainOwner,
} from "./domain-routing";

const whiteLabel = (slug: string, status = "ACTIVE"): DomainOwner => ({
  slug,
  status,
  tier: "WHITE_LABEL",
  trialTier: null,
  trialEndsAt: null,
});

describe("normalizeHost", () => {
  it("strips the port and trailing dot and lower-cases", () => {
    expect(normalizeHost("Portal.Example.com:443")).toBe("portal.example.com");
    expect(normalizeHost("portal.example.com.")).toBe("portal.example.com");
  });
  it("rejects empty, IPv6 and odd values", () => {
    expect(normalizeHost(null)).toBeNull();
    expect(normalizeHost("[::1]:3000")).toBeNull();
    expect(normalizeHost("evil host")).toBeNull();
  });
});

describe("isAppHost", () => {
  it("treats localhost, IPs, single labels and APP_URL's host as the app", () => {
    expect(isAppHost("localhost", [])).toBe(true);
    expect(isAppHost("127.0.0.1", [])).toBe(true);
    expect(isAppHost("web", [])).toBe(true);
    expect(isAppHost("app.tessera.dev", ["app.tessera.dev"])).toBe(true);
    expect(isAppHost("portal.echo-health.test", ["app.tessera.dev"])).toBe(false);
  });
});

describe("customDomainRewrite", () => {
  it("maps the root and workspace paths into the tenant", () => {
    expect(customDomainRewrite("/", "echo")).toBe("/t/echo");
    expect(customDomainRewrite("/members", "echo")).toBe("/t/echo/members");
    expect(customDomainRewrite("/audit/x", "echo")).toBe("/t/echo/audit/x");
  });
  it("leaves auth, invitations, API, framework and own-tenant paths alone", () => {
    for (const path of [
      "/api/health",
      "/_next/data/x.json",
      "/sign-in",
      "/sign-up",
      "/invite/abc",
      "/t/echo",
      "/t/echo/members",
    ]) {
      expect(customDomainRewrite(path, "echo")).toBeNull();
    }
  });
  it("serves the tenant's help centre at /help, and never another tenant's", () => {
    expect(customDomainRewrite("/help", "echo")).toBe("/help/echo");
    expect(customDomainRewrite("/help/", "echo")).toBe("/help/echo");
    expect(customDomainRewrite("/help/art1", "echo")).toBe("/help/echo/art1");
    // Links the help centre renders (/help/<slug>/…) pass through.
    expect(customDomainRewrite("/help/echo", "echo")).toBeNull();
    expect(customDomainRewrite("/help/echo/art1", "echo")).toBeNull();
    // Another tenant's help centre lands inside this one (an unknown article: 404).
    expect(customDomainRewrite("/help/acme", "echo")).toBe("/help/echo/acme");
    expect(customDomainRewrite("/help/acme/art1", "echo")).toBe("/help/echo/acme/art1");
    expect(customDomainRewrite("/helpful", "echo")).toBe("/t/echo/helpful");
  });
  it("keeps other tenants' paths inside this tenant (they 404 there)", () => {
    expect(customDomainRewrite("/t/acme/members", "echo")).toBe("/t/echo/t/acme/members");
    expect(customDomainRewrite("/signing", "echo")).toBe("/t/echo/signing");
  });
});

describe("createDomainCache", () => {
  it("caches hits and misses for the TTL, then looks up again", async () => {
    let clock = 0;
    const lookup = vi.fn(async (domain: string) => (domain === "a.test" ? whiteLabel("a") : null));
    const cache = createDomainCache(lookup, { ttlMs: 60_000, now: () => clock });
    expect(await cache.resolve("a.test")).toEqual({ slug: "a" });
    expect(await cache.resolve("b.test")).toBeNull();
    expect(await cache.resolve("a.test")).toEqual({ slug: "a" });
    expect(await cache.resolve("b.test")).toBeNull();
    expect(lookup).toHaveBeenCalledTimes(2);
    clock = 60_001;
    await cache.resolve("b.test");
    expect(lookup).toHaveBeenCalledTimes(3);
  });

  it("treats deleted tenants as misses and does not cache failures", async () => {
    const lookup = vi
      .fn<(d: string) => Promise<DomainOwner | null>>()
      .mockRejectedValueOnce(new Error("db down"))
      .mockResolvedValue(whiteLabel("gone", "DELETED"));
    const cache = createDomainCache(lookup);
    await expect(cache.resolve("x.test")).rejects.toThrow("db down");
    expect(await cache.resolve("x.test")).toBeNull();
    expect(lookup).toHaveBeenCalledTimes(2);
  });

  it("bounds the number of remembered hosts", async () => {
    const cache = createDomainCache(async () => null, { maxEntries: 3 });
    for (const d of ["a.test", "b.test", "c.test", "d.test", "e.test"]) await cache.resolve(d);
    expect(cache.size).toBe(3);
  });

  it("serves a domain only while the owner's tier allows branding, re-checked on every request", async () => {
    let clock = Date.parse("2026-12-01T00:00:00Z");
    const trialEndsAt = new Date(clock + 30_000);
    const owners: Record<string, DomainOwner> = {
      "trial.test": { slug: "trial", status: "ACTIVE", tier: "FREE", trialTier: "WHITE_LABEL", trialEndsAt },
      "pro.test": { slug: "pro", status: "ACTIVE", tier: "PROFESSIONAL", trialTier: null, trialEndsAt: null },
    };
    const lookup = vi.fn(async (domain: string) => owners[domain] ?? null);
    const cache = createDomainCache(lookup, { ttlMs: 60_000, now: () => clock });
    expect(await cache.resolve("trial.test")).toEqual({ slug: "trial" });
    expect(await cache.resolve("pro.test")).toBeNull();
    // The trial lapses while the entry is still cached: the domain stops being served at once.
    clock += 30_000;
    expect(await cache.resolve("trial.test")).toBeNull();
    expect(lookup).toHaveBeenCalledTimes(2);
  });
});

describe("servesCustomDomain", () => {
  const now = new Date("2026-12-01T00:00:00Z");
  it.each([
    ["WHITE_LABEL", null, null, "ACTIVE", true],
    ["WHITE_LABEL", null, null, "SUSPENDED", true],
    ["WHITE_LABEL", null, null, "DELETED", false],
    ["ENTERPRISE", null, null, "ACTIVE", false],
    ["FREE", "WHITE_LABEL", "2026-12-02T00:00:00Z", "ACTIVE", true],
    ["FREE", "WHITE_LABEL", "2026-11-30T00:00:00Z", "ACTIVE", false],
    ["WHITE_LABEL", "PROFESSIONAL", "2026-12-02T00:00:00Z", "ACTIVE", false],
  ] as const)("%s with a %s trial until %s, %s → %s", (tier, trialTier, trialEnd, status, served) => {
    const tenant = { tier, trialTier, trialEndsAt: trialEnd ? new Date(trialEnd) : null, status };
    expect(servesCustomDomain(tenant, now)).toBe(served);
  });
});
