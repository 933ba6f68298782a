// The fixed, documented set of API key scopes. Each tenant scope maps to the role permission it
// needs, so a key never grants more than its creator's role allows. Platform scopes belong to
// keys minted by platform operators for the tenants API.
import type { Role } from "../db/generated/enums";
import { can, type Permission } from "../tenancy/permissions";

export const TENANT_SCOPES = {
  "tenant:read": { permission: "tenant:read", description: "Read the workspace's profile, tier and limits." },
  "tenant:write": { permission: "settings:update", description: "Rename the workspace." },
  "members:read": { permission: "members:read", description: "List members and pending invitations." },
  "members:write": { permission: "members:invite", description: "Invite, re-role and remove members." },
  "api_keys:read": { permission: "apiKeys:read", description: "List the workspace's API keys (never their secrets)." },
  "api_keys:write": { permission: "apiKeys:manage", description: "Create, roll and revoke API keys." },
  "usage:read": { permission: "usage:read", description: "Read usage against the plan's limits." },
  "usage:write": { permission: "apiKeys:manage", description: "Record metered usage events." },
  "analytics:read": { permission: "dashboards:read", description: "Read analytics and dashboards." },
  "analytics:write": { permission: "dashboards:manage", description: "Create, change and delete dashboards." },
  "billing:read": { permission: "billing:read", description: "Read the subscription and invoices." },
  "billing:write": { permission: "billing:manage", description: "Change the subscription." },
  "assistants:use": { permission: "assistants:use", description: "Chat with the workspace's assistants." },
  "files:read": { permission: "files:read", description: "List and download the workspace's files." },
  "files:write": { permission: "files:write", description: "Upload and delete files." },
  "knowledge:read": {
    permission: "knowledge:read",
    description: "Read and search the knowledge base (articles, collections, documents).",
  },
  "knowledge:write": {
    permission: "knowledge:write",
    description: "Write, change and delete knowledge articles; upload documents.",
  },
} as const satisfies Record<string, { permission: Permission; description: string }>;

export const PLATFORM_SCOPES = {
  "platform:read": { description: "List and read every tenant." },
  "platform:write": { description: "Create, update and delete tenants." },
  // Replaces the former tenant-level cache:admin: the cache is the platform's, tenants never see keys.
  "cache:admin": {
    description: "Inspect the platform cache (stats, patterns, health), warm it and invalidate by pattern.",
  },
} as const;

export type TenantScope = keyof typeof TENANT_SCOPES;
export type PlatformScope = keyof typeof PLATFORM_SCOPES;
export type Scope = TenantScope | PlatformScope;

export const TENANT_SCOPE_LIST = Object.keys(TENANT_SCOPES) as TenantScope[];
export const PLATFORM_SCOPE_LIST = Object.keys(PLATFORM_SCOPES) as PlatformScope[];

/** The tenant scopes a member holding `role` may put on a key (or use through a session). */
export function scopesForRole(role: Role): TenantScope[] {
  return TENANT_SCOPE_LIST.filter((scope) => can(role, TENANT_SCOPES[scope].permission));
}

/** Scopes in `requested` that `role` may not grant. */
export function scopesBeyondRole(role: Role, requested: readonly string[]): string[] {
  const allowed = new Set<string>(scopesForRole(role));
  return requested.filter((scope) => !allowed.has(scope));
}

function isTenantScope(value: string): value is TenantScope {
  return Object.hasOwn(TENANT_SCOPES, value);
}

/** Each scope with its description, as the "Create key" form offers them. */
export function describeScopes(scopes: readonly Scope[]): { scope: Scope; description: string }[] {
  return scopes.map((scope) => ({
    scope,
    description: isTenantScope(scope) ? TENANT_SCOPES[scope].description : PLATFORM_SCOPES[scope].description,
  }));
}
