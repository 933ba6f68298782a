import type * as React from "react";

import { requireTenantPage } from "@/lib/http/tenant";
import type { Permission } from "@/lib/tenancy/permissions";

/**
 * A workspace segment's layout that checks `permission` (404 for non-members, 403 without it).
 * The check runs here, outside the segment's loading.tsx Suspense boundary, so a role without
 * the permission gets a real 403 status (forbidden() inside a streamed page would answer 200).
 * It is not the guard: an RSC request renders the pages without this layout, so each page calls
 * requireTenantPage(slug, permission) itself (tests/integration/page-guards.test.ts checks it).
 */
export function permissionLayout(permission: Permission) {
  return async function PermissionLayout({
    children,
    params,
  }: {
    children: React.ReactNode;
    params: Promise<{ slug: string }>;
  }) {
    const { slug } = await params;
    await requireTenantPage(slug, permission);
    return children;
  };
}
