// The tenant list's URL state, shared by the server page and the client table.
import type { Tier } from "@/lib/db/generated/enums";

export const TENANT_LIST_DEFAULTS = { sort: "createdAt", dir: "desc", page: 1, pageSize: 25 } as const;

/** The list query as the server parsed it (mirrors AdminListQuery without importing server code). */
export interface TenantListQuery {
  q: string;
  tier: Tier | "";
  status: "active" | "trialing" | "suspended" | "deleted" | "";
  sort: "name" | "slug" | "tier" | "status" | "createdAt" | "trialEndsAt" | "members";
  dir: "asc" | "desc";
  page: number;
  pageSize: number;
}

/** The query string for a list state, leaving defaults out so URLs stay short. */
export function tenantListSearch(query: TenantListQuery): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.tier) params.set("tier", query.tier);
  if (query.status) params.set("status", query.status);
  if (query.sort !== TENANT_LIST_DEFAULTS.sort || query.dir !== TENANT_LIST_DEFAULTS.dir) {
    params.set("sort", query.sort);
    params.set("dir", query.dir);
  }
  if (query.page !== 1) params.set("page", String(query.page));
  if (query.pageSize !== TENANT_LIST_DEFAULTS.pageSize) params.set("pageSize", String(query.pageSize));
  const search = params.toString();
  return search ? `?${search}` : "";
}
