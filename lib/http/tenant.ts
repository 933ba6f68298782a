// Resolving the tenant of a request: slug → tenant + the caller's membership, read through the cache.
// A non-member (or a deleted tenant) gets null, which pages and routes turn into 404, so the
// existence of other tenants is never revealed.
import "server-only";

import { forbidden, notFound } from "next/navigation";
import { cache } from "react";

import { recordActiveUser, track } from "../analytics/record";
import { cachedMembershipBySlug } from "../tenancy/cached";
import { buildTenantContext, type SessionUser, type TenantContext } from "../tenancy/context";
import { can, type Permission } from "../tenancy/permissions";
import { getCurrentUser, requireUser } from "./session";

export async function resolveTenantContext(user: SessionUser, slug: string): Promise<TenantContext | null> {
  if (!slug || slug.length > 64) return null;
  // Read through the cache (lib/tenancy/cached.ts): writes to tenants and memberships invalidate it.
  const membership = await cachedMembershipBySlug(slug, user.id);
  if (!membership) return null;
  // A member reaching their workspace (a page or a session API call) is active today (analytics).
  track(recordActiveUser(membership.tenant.id, user.id));
  return buildTenantContext(user, membership.tenant, membership.role);
}

export const getTenantContext = cache(async (slug: string): Promise<TenantContext | null> => {
  const user = await getCurrentUser();
  return user ? resolveTenantContext(user, slug) : null;
});

/** For workspace pages: sign-in redirect, 404 for non-members, 403 for a role without `permission`. */
export async function requireTenantPage(slug: string, permission?: Permission): Promise<TenantContext> {
  await requireUser(`/t/${slug}`);
  const ctx = await getTenantContext(slug);
  if (!ctx) notFound();
  if (permission && !can(ctx.role, permission)) forbidden();
  return ctx;
}
