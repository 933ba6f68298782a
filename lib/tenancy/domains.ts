// Custom domains need proof. A workspace on a plan with custom branding claims a domain; the claim
// is pending until a DNS TXT record at `_tessera.<domain>` carries the workspace's own token, which
// the app checks with node's DNS resolver ("Verify now"). Only then is the domain the workspace's
// (tenants.customDomain), and proxy.ts serves it only while the tier allows branding.
//
// - A pending claim is not exclusive: any number of workspaces may claim a domain, and only the one
//   whose token the domain's DNS carries can verify it. A claim also expires after
//   DOMAIN_CLAIM_TTL_DAYS, like a trial it is computed, not swept. So no one can hold a domain
//   they don't control, whatever their plan.
// - The latest proof wins: verifying a domain another workspace verified earlier moves it (whoever
//   edits the domain's DNS can point it anywhere anyway). A verified domain of a workspace whose
//   trial lapsed stays recorded, unserved, until its plan allows branding again or the domain's
//   owner proves it for another workspace.
// - A workspace keeps serving its verified domain while a new claim is pending; the new domain
//   replaces it when verified.
import "server-only";

import { randomBytes } from "node:crypto";
import { Resolver } from "node:dns/promises";

import { invalidateTenantCache } from "../cache/namespaces";
import { getDb } from "../db/client";
import type { Tenant } from "../db/generated/client";
import { env } from "../env";
import { AppError, isUniqueViolation } from "@/lib/errors";
import { SYSTEM_ACTOR, writeAudit } from "./audit";
import { cachedTenant, cachedTenantIdByDomain } from "./cached";
import { actorOf, assertActive, assertCan, type TenantContext } from "./context";
import { servesCustomDomain, type DomainOwner } from "./domain-routing";
import { tierHasFeature } from "./tiers";
import { addDays } from "@/lib/calendar";

export const DOMAIN_CLAIM_TTL_DAYS = 7;
/** The label under the domain where the proof lives: `_tessera.portal.example.com`. */
export const VERIFICATION_LABEL = "_tessera";
const VALUE_PREFIX = "tessera-verification=";

/** Resolves the TXT records of a name: each record as its character-strings (node's shape). */
export type TxtResolver = (hostname: string) => Promise<string[][]>;

export interface VerificationRecord {
  type: "TXT";
  name: string;
  value: string;
}

export function verificationRecord(domain: string, token: string): VerificationRecord {
  return { type: "TXT", name: `${VERIFICATION_LABEL}.${domain}`, value: `${VALUE_PREFIX}${token}` };
}

export function newVerificationToken(): string {
  return randomBytes(16).toString("hex");
}

export function claimExpiresAt(now: Date): Date {
  return addDays(now, DOMAIN_CLAIM_TTL_DAYS);
}

type DomainFields = Pick<
  Tenant,
  | "status"
  | "customDomain"
  | "customDomainVerifiedAt"
  | "pendingDomain"
  | "pendingDomainExpiresAt"
  | "domainVerificationToken"
  | "tier"
  | "trialTier"
  | "trialEndsAt"
>;

export interface CustomDomainStatus {
  /** The verified domain, and whether proxy.ts serves it now. */
  verified: { domain: string; verifiedAt: Date | null; served: boolean } | null;
  /** A claim awaiting its DNS proof; `expired` once past `expiresAt` (it then counts for nothing). */
  pending: { domain: string; expiresAt: Date; expired: boolean; record: VerificationRecord } | null;
}

export function customDomainStatus(tenant: DomainFields, now = new Date()): CustomDomainStatus {
  const verified = tenant.customDomain
    ? {
        domain: tenant.customDomain,
        verifiedAt: tenant.customDomainVerifiedAt,
        served: servesCustomDomain(tenant, now),
      }
    : null;
  const pending =
    tenant.pendingDomain && tenant.pendingDomainExpiresAt && tenant.domainVerificationToken
      ? {
          domain: tenant.pendingDomain,
          expiresAt: tenant.pendingDomainExpiresAt,
          expired: tenant.pendingDomainExpiresAt <= now,
          record: verificationRecord(tenant.pendingDomain, tenant.domainVerificationToken),
        }
      : null;
  return { verified, pending };
}

/** What the branding form's domain field shows: a live claim, else the verified domain. */
export function claimedDomain(tenant: DomainFields, now = new Date()): string {
  const { verified, pending } = customDomainStatus(tenant, now);
  if (pending && !pending.expired) return pending.domain;
  return verified?.domain ?? "";
}

/**
 * The domain columns a branding save writes for the requested domain (null removes it). Runs in
 * updateBranding's transaction; `appHost` is the app's own hostname, never claimable.
 */
export function claimChanges(
  tenant: DomainFields,
  requested: string | null,
  { now, appHost }: { now: Date; appHost: string },
): Partial<DomainFields> {
  if (requested === null) {
    return { customDomain: null, customDomainVerifiedAt: null, pendingDomain: null, pendingDomainExpiresAt: null };
  }
  if (requested === appHost || requested.endsWith(`.${appHost}`)) {
    throw new AppError("validation_failed", "That is the app's own address.", {
      customDomain: ["Use a domain of your own, not the app's address."],
    });
  }
  // Saving the verified domain again drops a change in progress.
  if (requested === tenant.customDomain) return { pendingDomain: null, pendingDomainExpiresAt: null };
  const live =
    tenant.pendingDomain === requested && tenant.pendingDomainExpiresAt && tenant.pendingDomainExpiresAt > now;
  if (live) return {};
  return {
    pendingDomain: requested,
    pendingDomainExpiresAt: claimExpiresAt(now),
    domainVerificationToken: tenant.domainVerificationToken ?? newVerificationToken(),
  };
}

/** Node's resolver, on DOMAIN_DNS_SERVERS when set; one retry, 4 s per try. */
export function systemTxtResolver(servers: readonly string[] | undefined = env.DOMAIN_DNS_SERVERS): TxtResolver {
  const resolver = new Resolver({ timeout: 4_000, tries: 2 });
  if (servers?.length) resolver.setServers([...servers]);
  return (hostname) => resolver.resolveTxt(hostname);
}

/** Codes for "the name or its TXT records don't exist" (as opposed to a failed lookup). */
const NOT_FOUND_CODES = new Set(["ENOTFOUND", "ENODATA", "NOTFOUND", "NODATA"]);

async function lookupTxt(resolve: TxtResolver, name: string): Promise<string[]> {
  try {
    const records = await resolve(name);
    return records.map((chunks) => chunks.join(""));
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    if (NOT_FOUND_CODES.has(code)) return [];
    throw new AppError(
      "unavailable",
      `The DNS lookup of ${name} failed${code ? ` (${code})` : ""}. Try again shortly.`,
    );
  }
}

export interface VerifyOptions {
  resolveTxt?: TxtResolver;
  now?: Date;
}

export interface VerifyResult {
  domain: string;
  /** The workspace that held the domain before, when the proof moved it. */
  movedFrom: string | null;
}

/**
 * "Verify now": checks the pending claim's TXT record and, when it carries this workspace's token,
 * makes the domain the workspace's verified domain. Refused on plans without custom branding,
 * for expired claims, and when the record is missing or different (the message says what was found).
 */
export async function verifyCustomDomain(ctx: TenantContext, options: VerifyOptions = {}): Promise<VerifyResult> {
  assertCan(ctx, "branding:update");
  assertActive(ctx);
  if (!tierHasFeature(ctx.tier, "custom_branding")) {
    throw new AppError("limit_exceeded", "Custom domains are part of the White label plan.");
  }
  const now = options.now ?? new Date();
  const db = await getDb();
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: ctx.tenant.id } });
  const { pending } = customDomainStatus(tenant, now);
  if (!pending) throw new AppError("bad_request", "There is no domain waiting for verification. Save one first.");
  if (pending.expired) {
    throw new AppError(
      "bad_request",
      `The claim on ${pending.domain} expired. Save the domain again to restart its ${DOMAIN_CLAIM_TTL_DAYS} days.`,
    );
  }
  const found = await lookupTxt(options.resolveTxt ?? systemTxtResolver(), pending.record.name);
  if (!found.some((value) => value.trim() === pending.record.value)) {
    const [example] = found;
    const seen =
      example !== undefined
        ? ` Found ${found.length === 1 ? "" : `${found.length} records, e.g. `}“${example.slice(0, 80)}”.`
        : " None was found yet; DNS changes can take a while to spread.";
    throw new AppError(
      "bad_request",
      `The TXT record ${pending.record.name} must read “${pending.record.value}”.${seen}`,
      { found: found.slice(0, 5) },
    );
  }

  try {
    const result = await db.$transaction(async (tx) => {
      // Lock our row and re-read: a branding save racing this verification decides first.
      const rows = await tx.$queryRaw<{ pendingDomain: string | null; domainVerificationToken: string | null }[]>`
        SELECT "pendingDomain", "domainVerificationToken" FROM tenants WHERE id = ${tenant.id} FOR UPDATE`;
      if (
        rows[0]?.pendingDomain !== pending.domain ||
        rows[0]?.domainVerificationToken !== tenant.domainVerificationToken
      ) {
        throw new AppError("conflict", "The domain changed meanwhile. Check the settings and verify again.");
      }
      const holder = await tx.tenant.findFirst({
        where: { customDomain: pending.domain, id: { not: tenant.id } },
        select: { id: true },
      });
      if (holder) {
        await tx.tenant.update({
          where: { id: holder.id },
          data: { customDomain: null, customDomainVerifiedAt: null },
        });
        // Recorded as the system's doing: the other workspace learns nothing about who proved it.
        await writeAudit(tx, holder.id, SYSTEM_ACTOR, {
          action: "tenant.custom_domain_released",
          targetType: "tenant",
          targetId: holder.id,
          before: { customDomain: pending.domain },
          after: { reason: "The domain's DNS now proves it for another workspace." },
        });
      }
      await tx.tenant.update({
        where: { id: tenant.id },
        data: {
          customDomain: pending.domain,
          customDomainVerifiedAt: now,
          pendingDomain: null,
          pendingDomainExpiresAt: null,
        },
      });
      await writeAudit(tx, tenant.id, actorOf(ctx), {
        action: "tenant.custom_domain_verified",
        targetType: "tenant",
        targetId: tenant.id,
        before: { customDomain: tenant.customDomain },
        after: { customDomain: pending.domain },
      });
      return { domain: pending.domain, movedFrom: holder?.id ?? null };
    });
    await invalidateTenantCache(tenant.id, { domains: [tenant.customDomain, result.domain] });
    if (result.movedFrom) await invalidateTenantCache(result.movedFrom, { domains: [result.domain] });
    return result;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", "Another workspace verified this domain at the same moment. Try again.");
    }
    throw error;
  }
}

/** The workspace a verified custom domain belongs to (proxy.ts), or null. */
export async function findTenantByVerifiedDomain(domain: string): Promise<DomainOwner | null> {
  const host = domain.toLowerCase();
  // Read through the cache (lib/tenancy/cached.ts); a stale mapping is checked against the row.
  const tenantId = await cachedTenantIdByDomain(host);
  const tenant = tenantId ? await cachedTenant(tenantId) : null;
  if (!tenant || tenant.customDomain !== host) return null;
  const { slug, status, tier, trialTier, trialEndsAt } = tenant;
  return { slug, status, tier, trialTier, trialEndsAt };
}
