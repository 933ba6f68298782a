// Object keys. Only this module makes them, only from ids Tessera generated (tenant and file
// ids), and every store refuses a key that does not have this shape: no user-chosen name ever
// becomes part of a key or a path, so traversal (`..`, absolute paths, odd separators) cannot
// happen by construction, and the disk store checks it again.

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const KEY = /^t\/[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9_-]{1,64}$/;
const PREFIX = /^t\/[A-Za-z0-9_-]{1,64}\/$/;

export class InvalidKeyError extends Error {
  constructor(key: string) {
    super(`not a storage key Tessera made: ${JSON.stringify(key.slice(0, 100))}`);
    this.name = "InvalidKeyError";
  }
}

function checkId(id: string): string {
  if (!ID.test(id)) throw new InvalidKeyError(id);
  return id;
}

/** The key of a file's object: t/<tenantId>/<fileId>. */
export function objectKey(tenantId: string, fileId: string): string {
  return `t/${checkId(tenantId)}/${checkId(fileId)}`;
}

/** The prefix under which every object of a tenant lives. */
export function tenantPrefix(tenantId: string): string {
  return `t/${checkId(tenantId)}/`;
}

export function assertObjectKey(key: string): void {
  if (!KEY.test(key)) throw new InvalidKeyError(key);
}

export function assertPrefix(prefix: string): void {
  if (!PREFIX.test(prefix)) throw new InvalidKeyError(prefix);
}
