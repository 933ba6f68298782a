// Roles and what they may do: one matrix of resource × action. Pages, server actions and route
// handlers declare the permission they need; lib/http checks it at the boundary.
import type { Role } from "../db/generated/enums";

export const ROLES = ["OWNER", "ADMIN", "BILLING", "MEMBER", "VIEWER"] as const satisfies readonly Role[];

export const RESOURCES = {
  tenant: ["read", "update", "delete"],
  members: ["read", "invite", "update", "remove"],
  billing: ["read", "manage"],
  audit: ["read"],
  settings: ["read", "update"],
  branding: ["update"],
  dashboards: ["read", "manage"],
  assistants: ["use", "manage"],
  apiKeys: ["read", "manage"],
  usage: ["read"],
  files: ["read", "write"],
  knowledge: ["read", "write"],
} as const;

export type Resource = keyof typeof RESOURCES;
export type Permission = { [R in Resource]: `${R}:${(typeof RESOURCES)[R][number]}` }[Resource];

const ALL = Object.entries(RESOURCES).flatMap(([resource, actions]) =>
  actions.map((action) => `${resource}:${action}` as Permission),
);

const READ_ONLY: Permission[] = [
  "tenant:read",
  "members:read",
  "dashboards:read",
  "usage:read",
  "files:read",
  "knowledge:read",
];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  OWNER: new Set(ALL),
  ADMIN: new Set(ALL.filter((p) => p !== "tenant:delete" && p !== "billing:manage")),
  BILLING: new Set<Permission>([...READ_ONLY, "billing:read", "billing:manage", "settings:read"]),
  MEMBER: new Set<Permission>([...READ_ONLY, "assistants:use", "dashboards:manage", "files:write", "knowledge:write"]),
  VIEWER: new Set<Permission>(READ_ONLY),
};

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

export const ROLE_LABELS: Record<Role, string> = {
  OWNER: "Owner",
  ADMIN: "Admin",
  BILLING: "Billing",
  MEMBER: "Member",
  VIEWER: "Viewer",
};

const RANK: Record<Role, number> = { OWNER: 4, ADMIN: 3, BILLING: 2, MEMBER: 1, VIEWER: 0 };

/**
 * Who may grant or change a role: owners any; admins any but OWNER (ownership moves only by
 * transfer). A member can never assign a role above their own.
 */
export function canAssignRole(actor: Role, target: Role): boolean {
  if (target === "OWNER") return false;
  if (actor === "OWNER") return true;
  return actor === "ADMIN" && RANK[target] <= RANK.ADMIN;
}

/** Who may act on (change, remove) a member holding `target`: owners on anyone else, admins on non-owners. */
export function mayManage(actor: Role, target: Role): boolean {
  if (target === "OWNER") return false;
  return actor === "OWNER" || actor === "ADMIN";
}
