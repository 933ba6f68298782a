// Cached reads of the tenant context (lib/cache): slug → tenant id, domain → tenant id, the tenant
// row, and a user's role in it. Writes invalidate precisely (lib/cache/namespaces.ts helpers, called
// by the functions that change tenants, memberships, domains and tiers).
import "server-only";

import { appCache, NAMESPACES } from "../cache/namespaces";
import { getDb } from "../db/client";
import type { Role } from "../db/generated/enums";
import type { Tenant } from "../db/generated/client";

export async function cachedTenantIdBySlug(slug: string): Promise<string | null> {
  return appCache().get(NAMESPACES.tenantSlug, slug, async () => {
    const db = await getDb();
    const row = await db.tenant.findUnique({ where: { slug }, select: { id: true } });
    return row?.id ?? null;
  });
}

export async function cachedTenantIdByDomain(domain: string): Promise<string | null> {
  const host = domain.toLowerCase();
  return appCache().get(NAMESPACES.tenantDomain, host, async () => {
    const db = await getDb();
    const row = await db.tenant.findUnique({ where: { customDomain: host }, select: { id: true } });
    return row?.id ?? null;
  });
}

export async function cachedTenant(tenantId: string): Promise<Tenant | null> {
  return appCache().get(
    NAMESPACES.tenant,
    "row",
    async () => {
      const db = await getDb();
      return db.tenant.findUnique({ where: { id: tenantId } });
    },
    { tenantId },
  );
}

export async function cachedRole(tenantId: string, userId: string): Promise<Role | null> {
  return appCache().get(
    NAMESPACES.membership,
    userId,
    async () => {
      const db = await getDb();
      const row = await db.membership.findUnique({
        where: { tenantId_userId: { tenantId, userId } },
        select: { role: true },
      });
      return row?.role ?? null;
    },
    { tenantId },
  );
}

/** A (non-deleted) tenant by slug and the user's role in it; null for a non-member. */
export async function cachedMembershipBySlug(
  slug: string,
  userId: string,
): Promise<{ tenant: Tenant; role: Role } | null> {
  const tenantId = await cachedTenantIdBySlug(slug);
  if (!tenantId) return null;
  const [tenant, role] = await Promise.all([cachedTenant(tenantId), cachedRole(tenantId, userId)]);
  // A slug entry may outlive a rename by the stale window at most: trust only a matching row.
  if (!tenant || !role || tenant.slug !== slug || tenant.status === "DELETED") return null;
  return { tenant, role };
}
