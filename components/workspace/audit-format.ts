// Human-readable audit entries: action names, targets and before→after changes.
const ACTION_LABELS: Record<string, string> = {
  "tenant.created": "Workspace created",
  "tenant.updated": "Workspace updated",
  "tenant.branding_updated": "Branding updated",
  "tenant.ownership_transferred": "Ownership transferred",
  "member.role_changed": "Member role changed",
  "member.removed": "Member removed",
  "member.left": "Member left",
  "invitation.created": "Invitation sent",
  "invitation.resent": "Invitation re-sent",
  "invitation.revoked": "Invitation revoked",
  "invitation.accepted": "Invitation accepted",
  "api_key.transferred": "API key taken over",
};

/** Words that are spelled their own way in a sentence ("api" → "API"). */
const WORD_SPELLINGS: Record<string, string> = { api: "API", url: "URL", paypal: "PayPal", csv: "CSV", ai: "AI" };

/** "api_key.created" → "API key created": words, the first capitalised, acronyms as spelled. */
function sentence(identifier: string): string {
  const words = identifier
    .split(/[._]+/)
    .filter(Boolean)
    .map((word) => WORD_SPELLINGS[word] ?? word);
  const text = words.join(" ");
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : identifier;
}

/** "member.role_changed" → "Member role changed" (known actions have curated labels). */
export function describeAction(action: string): string {
  return ACTION_LABELS[action] ?? sentence(action);
}

/** "api_key" → "API key", for the prefix filter. */
export function describePrefix(prefix: string): string {
  return sentence(prefix);
}

const FIELD_LABELS: Record<string, string> = {
  brandLogoUrl: "Logo URL",
  brandPrimaryColor: "Primary colour",
  customDomain: "Custom domain",
  trialTier: "Trial plan",
  trialEndsAt: "Trial ends",
  expiresAt: "Expires",
  newOwnerRole: "New owner's previous role",
  previousOwnerRole: "Previous owner's new role",
  apiKeysRevoked: "API keys revoked",
  apiKeysTransferred: "API keys taken over",
};

export function fieldLabel(key: string): string {
  return (
    FIELD_LABELS[key] ??
    key.charAt(0).toUpperCase() +
      key
        .slice(1)
        .replace(/([a-z])([A-Z])/g, "$1 $2")
        .toLowerCase()
  );
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A JSON value as short text: null → "—", ISO dates → "Dec 6, 2025, 14:05 UTC", objects → JSON. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") {
    if (ISO_DATE.test(value) && !Number.isNaN(Date.parse(value))) {
      const d = new Date(value);
      return `${d.toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC", hourCycle: "h23" })} UTC`;
    }
    return value;
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

export interface AuditChange {
  field: string;
  label: string;
  before?: string;
  after?: string;
  kind: "changed" | "added" | "removed" | "same";
}

function asRecord(value: unknown): Record<string, unknown> | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  return { value };
}

/** The fields of a before/after pair, in a stable order, each marked changed/added/removed. */
export function diffAudit(before: unknown, after: unknown): AuditChange[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  return keys.map((field) => {
    const hasBefore = b !== null && field in b;
    const hasAfter = a !== null && field in a;
    const beforeText = hasBefore ? formatValue(b[field]) : undefined;
    const afterText = hasAfter ? formatValue(a[field]) : undefined;
    const kind: AuditChange["kind"] =
      hasBefore && hasAfter ? (beforeText === afterText ? "same" : "changed") : hasAfter ? "added" : "removed";
    return { field, label: fieldLabel(field), before: beforeText, after: afterText, kind };
  });
}
