// Custom domains need proof (issue 9, item 8): a saved domain is a pending claim, served by
// proxy.ts's lookup only once a TXT record `_tessera.<domain>` carries the workspace's token —
// checked through node's own DNS resolver against a local DNS server — and only while the tier
// allows branding. Claims are not exclusive and expire, so no workspace can hold a domain hostage.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { invalidateTenantCache } from "@/lib/cache/namespaces";
import { withTenant } from "@/lib/db/tenant";
import type { Tier } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { SYSTEM_ACTOR } from "@/lib/tenancy/audit";
import { buildTenantContext, type SessionUser, type TenantContext } from "@/lib/tenancy/context";
import { createDomainCache } from "@/lib/tenancy/domain-routing";
import {
  claimChanges,
  customDomainStatus,
  DOMAIN_CLAIM_TTL_DAYS,
  findTenantByVerifiedDomain,
  systemTxtResolver,
  verifyCustomDomain,
  type TxtResolver,
} from "@/lib/tenancy/domains";
import { createTenant, updateBranding } from "@/lib/tenancy/tenants";

import { startFakeDns, type FakeDns } from "../fixtures/fake-dns";
import { openTestDb, uniq, type TestDb } from "../helpers/db";

let t: TestDb;
let dns: FakeDns;
let resolveTxt: TxtResolver;

beforeAll(async () => {
  t = await openTestDb();
  dns = await startFakeDns();
  resolveTxt = systemTxtResolver([dns.server]);
});
afterAll(async () => {
  await dns.close();
  await t.close();
});
beforeEach(() => {
  dns.txt.clear();
  dns.fail.clear();
});

async function workspace(tier: Tier, trialTier: Tier | null = null): Promise<TenantContext> {
  const user = await t.db.user.create({ data: { email: `${uniq("owner")}@example.test`, name: "Owner" } });
  const owner: SessionUser = { id: user.id, email: user.email, name: user.name, isPlatformAdmin: false };
  const tenant = await createTenant({ name: "Domains", slug: uniq("dom") }, owner, { tier, trialTier });
  return buildTenantContext(owner, tenant, "OWNER");
}

/** The context as the next request would build it (fresh tenant row). */
async function refresh(ctx: TenantContext, now = new Date()): Promise<TenantContext> {
  const tenant = await t.db.tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id } });
  return buildTenantContext(ctx.user, tenant, ctx.role, now);
}

const claim = (ctx: TenantContext, customDomain: string, now?: Date) =>
  updateBranding(ctx, { brandLogoUrl: "", brandPrimaryColor: "", customDomain }, now);

async function statusOf(ctx: TenantContext, now = new Date()) {
  return customDomainStatus(await t.db.tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id } }), now);
}

/** What proxy.ts would do with a request for `domain` (a fresh cache: no remembered answers). */
const routed = (domain: string) => createDomainCache(findTenantByVerifiedDomain).resolve(domain);

async function publish(ctx: TenantContext) {
  const { pending } = await statusOf(ctx);
  if (!pending) throw new Error("nothing pending");
  dns.txt.set(pending.record.name, ["v=spf1 -all", pending.record.value]);
  return pending;
}

const domainName = () => `${uniq("portal")}.example.test`.toLowerCase();

describe("claiming a domain", () => {
  it("is pending, shows the record to create, and is not served until its DNS proves it", async () => {
    const ctx = await workspace("WHITE_LABEL");
    const domain = domainName();
    const now = new Date();
    await claim(ctx, domain.toUpperCase(), now);

    const { verified, pending } = await statusOf(ctx, now);
    expect(verified).toBeNull();
    expect(pending).toMatchObject({ domain, expired: false, record: { type: "TXT", name: `_tessera.${domain}` } });
    expect(pending!.record.value).toMatch(/^tessera-verification=[0-9a-f]{32}$/);
    expect(pending!.expiresAt.getTime()).toBe(now.getTime() + DOMAIN_CLAIM_TTL_DAYS * 86_400_000);
    expect(await findTenantByVerifiedDomain(domain)).toBeNull();
    expect(await routed(domain)).toBeNull();

    // No record yet.
    const missing = (await verifyCustomDomain(await refresh(ctx), { resolveTxt }).catch((e) => e)) as AppError;
    expect(missing).toBeInstanceOf(AppError);
    expect(missing.code).toBe("bad_request");
    expect(missing.message).toContain(`_tessera.${domain}`);
    expect(dns.queries).toContain(`_tessera.${domain}`);

    // A record with someone else's value.
    dns.txt.set(`_tessera.${domain}`, ["tessera-verification=not-yours"]);
    const wrong = (await verifyCustomDomain(await refresh(ctx), { resolveTxt }).catch((e) => e)) as AppError;
    expect(wrong.code).toBe("bad_request");
    expect(wrong.details).toEqual({ found: ["tessera-verification=not-yours"] });
    expect(await routed(domain)).toBeNull();

    await publish(ctx);
    await expect(verifyCustomDomain(await refresh(ctx), { resolveTxt })).resolves.toEqual({ domain, movedFrom: null });
    const after = await statusOf(ctx);
    expect(after.pending).toBeNull();
    expect(after.verified).toMatchObject({ domain, served: true });
    expect(await routed(domain)).toEqual({ slug: ctx.tenant.slug });
    const audit = await withTenant(
      ctx.tenant.id,
      (tx) => tx.auditLog.findMany({ where: { action: "tenant.custom_domain_verified" } }),
      {
        db: t.db,
      },
    );
    expect(audit).toHaveLength(1);
  });

  it("reads long records split into several strings, as DNS stores them", async () => {
    const ctx = await workspace("WHITE_LABEL");
    const domain = domainName();
    await claim(ctx, domain);
    const { record } = (await statusOf(ctx)).pending!;
    // Padding makes the record longer than one 255-byte string: the server splits it.
    dns.txt.set(record.name, [record.value.padEnd(300, " ")]);
    await expect(verifyCustomDomain(await refresh(ctx), { resolveTxt })).resolves.toMatchObject({ domain });
  });

  it("keeps serving the verified domain while a new one is pending, then swaps", async () => {
    const ctx = await workspace("WHITE_LABEL");
    const first = domainName();
    await claim(ctx, first);
    await publish(ctx);
    await verifyCustomDomain(await refresh(ctx), { resolveTxt });

    const second = domainName();
    await claim(await refresh(ctx), second);
    expect(await statusOf(ctx)).toMatchObject({ verified: { domain: first }, pending: { domain: second } });
    expect(await routed(first)).toEqual({ slug: ctx.tenant.slug });
    expect(await routed(second)).toBeNull();

    await publish(ctx);
    await verifyCustomDomain(await refresh(ctx), { resolveTxt });
    expect(await routed(first)).toBeNull();
    expect(await routed(second)).toEqual({ slug: ctx.tenant.slug });

    // Saving no domain removes it.
    await claim(await refresh(ctx), "");
    expect(await statusOf(ctx)).toEqual({ verified: null, pending: null });
    expect(await routed(second)).toBeNull();
  });

  it("refuses the app's own address and its subdomains", async () => {
    const ctx = await workspace("WHITE_LABEL");
    const row = await t.db.tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id } });
    const options = { now: new Date(), appHost: "app.tessera.example" };
    for (const domain of ["app.tessera.example", "evil.app.tessera.example"]) {
      expect(() => claimChanges(row, domain, options)).toThrow(
        expect.objectContaining({ code: "validation_failed", details: { customDomain: expect.any(Array) } }),
      );
    }
    expect(claimChanges(row, "portal.tessera.example", options)).toMatchObject({
      pendingDomain: "portal.tessera.example",
    });
  });
});

describe("no workspace can hold a domain hostage", () => {
  it("lets several workspaces claim a domain; the DNS decides, and the latest proof moves it", async () => {
    const first = await workspace("WHITE_LABEL");
    const second = await workspace("WHITE_LABEL");
    const domain = domainName();
    await claim(first, domain);
    await claim(second, domain); // no conflict: a claim proves nothing
    await publish(first);
    await verifyCustomDomain(await refresh(first), { resolveTxt });
    expect(await routed(domain)).toEqual({ slug: first.tenant.slug });

    // The record names the first workspace's token: the second cannot verify with it.
    await expect(verifyCustomDomain(await refresh(second), { resolveTxt })).rejects.toMatchObject({
      code: "bad_request",
    });
    // The domain's owner points it at the second workspace instead.
    await publish(second);
    const moved = await verifyCustomDomain(await refresh(second), { resolveTxt });
    expect(moved).toEqual({ domain, movedFrom: first.tenant.id });
    expect(await routed(domain)).toEqual({ slug: second.tenant.slug });
    expect((await statusOf(first)).verified).toBeNull();
    const released = await withTenant(
      first.tenant.id,
      (tx) => tx.auditLog.findFirstOrThrow({ where: { action: "tenant.custom_domain_released" } }),
      { db: t.db },
    );
    // The first workspace learns that the domain went, not who took it.
    expect(released).toMatchObject({ actorId: null, actorEmail: SYSTEM_ACTOR.email });
  });

  it("lets an unverified claim expire", async () => {
    const ctx = await workspace("WHITE_LABEL");
    const domain = domainName();
    const claimedAt = new Date();
    await claim(ctx, domain, claimedAt);
    await publish(ctx);
    const later = new Date(claimedAt.getTime() + DOMAIN_CLAIM_TTL_DAYS * 86_400_000 + 1_000);
    expect((await statusOf(ctx, later)).pending).toMatchObject({ domain, expired: true });
    await expect(verifyCustomDomain(await refresh(ctx, later), { resolveTxt, now: later })).rejects.toMatchObject({
      code: "bad_request",
      message: expect.stringMatching(/expired/),
    });
    expect(await routed(domain)).toBeNull();
    // Saving it again restarts the claim.
    await claim(await refresh(ctx, later), domain, later);
    expect((await statusOf(ctx, later)).pending).toMatchObject({ domain, expired: false });
    await expect(verifyCustomDomain(await refresh(ctx, later), { resolveTxt, now: later })).resolves.toMatchObject({
      domain,
    });
  });
});

describe("serving a verified domain", () => {
  it("stops the moment the trial that allowed branding lapses", async () => {
    const ctx = await workspace("FREE", "WHITE_LABEL");
    const domain = domainName();
    await claim(ctx, domain);
    await publish(ctx);
    await verifyCustomDomain(await refresh(ctx), { resolveTxt });
    expect(await routed(domain)).toEqual({ slug: ctx.tenant.slug });

    await t.db.tenant.update({ where: { id: ctx.tenant.id }, data: { trialEndsAt: new Date(Date.now() - 1_000) } });
    // A real lapse is time passing (the cached row's trialEndsAt says so); this test moves the date
    // in the database behind the app's back, so it drops the cached row as a write would.
    await invalidateTenantCache(ctx.tenant.id);
    expect(await routed(domain)).toBeNull();
    expect((await statusOf(ctx)).verified).toMatchObject({ domain, served: false });
    // The workspace cannot verify or claim without the feature either.
    await expect(verifyCustomDomain(await refresh(ctx), { resolveTxt })).rejects.toMatchObject({
      code: "limit_exceeded",
    });
    await expect(claim(await refresh(ctx), domainName())).rejects.toMatchObject({ code: "limit_exceeded" });
  });

  it("is never served for a tier without branding, even with a domain recorded", async () => {
    const ctx = await workspace("ENTERPRISE");
    const domain = domainName();
    await t.db.tenant.update({
      where: { id: ctx.tenant.id },
      data: { customDomain: domain, customDomainVerifiedAt: new Date() },
    });
    expect(await routed(domain)).toBeNull();
  });
});

describe("when DNS fails", () => {
  it("says the lookup failed (503) and changes nothing", async () => {
    const ctx = await workspace("WHITE_LABEL");
    const domain = domainName();
    await claim(ctx, domain);
    dns.fail.add(`_tessera.${domain}`);
    await expect(verifyCustomDomain(await refresh(ctx), { resolveTxt })).rejects.toMatchObject({
      code: "unavailable",
      message: expect.stringContaining("SERVFAIL"),
    });
    expect((await statusOf(ctx)).pending).toMatchObject({ domain });
  });
});
