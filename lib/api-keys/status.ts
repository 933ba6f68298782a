// An API key's status, and the key as the workspace and operator lists show it. Free of server
// imports: the client table imports its types from here.

/** The columns of an api_keys row that the lists and the API show. */
export interface ApiKeyFields {
  id: string;
  name: string;
  /** The secret's first characters, e.g. "tsk_live_3fQa". */
  start: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
}

export type KeyStatus = "active" | "expired" | "revoked";

/** Revoked wins over expired; a key expires at the instant of `expiresAt`. */
export function keyStatus(key: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): KeyStatus {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt <= now) return "expired";
  return "active";
}

/** A row of the API keys table (workspace and platform keys alike). */
export interface ApiKeyRow extends ApiKeyFields {
  status: KeyStatus;
}

export function toApiKeyRow(key: ApiKeyFields & { revokedAt: Date | null }, now: Date): ApiKeyRow {
  const { id, name, start, scopes, createdAt, lastUsedAt, expiresAt } = key;
  return { id, name, start, scopes, createdAt, lastUsedAt, expiresAt, status: keyStatus(key, now) };
}
