// What the API key forms post and the actions answer: shared by the workspace and operator pages.
import type { KeyStatus } from "./status";
import { before } from "@/lib/indexed";

/** A checked scope box posts "scope:<id>" = "on" (server actions receive one value per name). */
export const SCOPE_FIELD_PREFIX = "scope:";

export const EXPIRY_CHOICES = [
  { value: "never", label: "Never" },
  { value: "7", label: "In 7 days" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In 365 days" },
] as const;

/** How long a rolled key's old secret keeps working. */
export const GRACE_CHOICES = [
  { seconds: 0, label: "No time (stops immediately)" },
  { seconds: 3_600, label: "1 hour" },
  { seconds: 86_400, label: "24 hours" },
] as const;

/** A key just created or rolled: the only time its secret is seen. */
export interface IssuedKey {
  id: string;
  name: string;
  start: string;
  secret: string;
  expiresAt: string | null;
}

export interface ScopeOption {
  scope: string;
  description: string;
}

/** "members:write" → group "members"; groups keep the order of their first scope. */
export function groupScopes(
  options: readonly ScopeOption[],
): { group: string; label: string; scopes: ScopeOption[] }[] {
  const groups = new Map<string, ScopeOption[]>();
  for (const option of options) {
    const group = before(option.scope, ":");
    groups.set(group, [...(groups.get(group) ?? []), option]);
  }
  return [...groups].map(([group, scopes]) => ({ group, label: GROUP_LABELS[group] ?? group, scopes }));
}

const GROUP_LABELS: Record<string, string> = {
  tenant: "Workspace",
  members: "Members",
  api_keys: "API keys",
  usage: "Usage",
  analytics: "Analytics",
  billing: "Billing",
  assistants: "Assistants",
  cache: "Cache",
  platform: "Tenants (all workspaces)",
};

export const KEY_STATUS_LABELS: Record<KeyStatus, string> = {
  active: "Active",
  expired: "Expired",
  revoked: "Revoked",
};
