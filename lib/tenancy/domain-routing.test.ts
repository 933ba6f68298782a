import { describe, expect, it, vi } from "vitest";

import { createDomainCache, customDomainRewrite, isAppHost, normalizeHost } from "./domain-routing";

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
  it("keeps other tenants' paths inside this tenant (they 404 there)", () => {
    expect(customDomainRewrite("/t/acme/members", "echo")).toBe("/t/echo/t/acme/members");
    expect(customDomainRewrite("/signing", "echo")).toBe("/t/echo/signing");
  });
});

describe("createDomainCache", () => {
  it("caches hits and misses for the TTL, then looks up again", async () => {
    let clock = 0;
    const lookup = vi.fn(async (domain: string) => (domain === "a.test" ? { slug: "a", status: "ACTIVE" } : null));
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
      .fn<(d: string) => Promise<{ slug: string; status: string } | null>>()
      .mockRejectedValueOnce(new Error("db down"))
      .mockResolvedValue({ slug: "gone", status: "DELETED" });
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
});
