// Password hashing with scrypt (memory-hard, in node:crypto, no native add-on), at OWASP's
// current parameters (Password Storage Cheat Sheet: N=2^17, r=8, p=1; 128 MiB and a few hundred
// milliseconds per hash). Format: scrypt$N$r$p$salt(base64url)$hash(base64url), so a stored hash
// says how it was made: hashes made with other parameters still verify, and sign-in re-hashes
// them with the current ones (needsRehash, lib/auth/credentials.ts).
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from "node:crypto";

import { env } from "../env";

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

/** OWASP's recommendation: what every new hash uses (outside the test suite). */
export const OWASP_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };
/**
 * The test suite (NODE_ENV=test, set by Vitest) hashes thousands of passwords: it uses a cheap
 * setting so the suite stays fast. `next build`/`next start` force NODE_ENV=production and
 * `next dev` development, so the app never runs with it.
 */
export const TEST_SCRYPT: ScryptParams = { N: 2 ** 12, r: 8, p: 1 };

/** The parameters new hashes get in this environment. */
export function currentScryptParams(nodeEnv: string = env.NODE_ENV): ScryptParams {
  return nodeEnv === "test" ? TEST_SCRYPT : OWASP_SCRYPT;
}

const KEY_LENGTH = 32;
/**
 * Stored hashes asking for more than four times OWASP's work (N·r·p) are refused rather than
 * computed: a corrupted row must not make a sign-in allocate gigabytes or run for minutes.
 */
const MAX_WORK = 4 * OWASP_SCRYPT.N * OWASP_SCRYPT.r * OWASP_SCRYPT.p;
/** scrypt needs 128·N·r bytes; leave room above it. */
const maxmem = ({ N, r }: ScryptParams) => 128 * N * r * 2;

export async function hashPassword(password: string, params: ScryptParams = currentScryptParams()): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, { ...params, maxmem: maxmem(params) });
  return ["scrypt", params.N, params.r, params.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

function parseHash(stored: string): (ScryptParams & { salt: Buffer; hash: Buffer }) | null {
  const [scheme, n, r, p, salt, hash, ...rest] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !hash || rest.length > 0) return null;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  const powerOfTwo = Number.isInteger(params.N) && params.N > 1 && (params.N & (params.N - 1)) === 0;
  if (!powerOfTwo || ![params.r, params.p].every((v) => Number.isInteger(v) && v >= 1 && v <= 16)) return null;
  if (params.N * params.r * params.p > MAX_WORK) return null;
  return { ...params, salt: Buffer.from(salt, "base64url"), hash: Buffer.from(hash, "base64url") };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed || parsed.hash.length === 0) return false;
  const { salt, hash, ...params } = parsed;
  const key = await scrypt(password.normalize("NFKC"), salt, hash.length, { ...params, maxmem: maxmem(params) });
  return key.length === hash.length && timingSafeEqual(key, hash);
}

/** True when a stored hash was made with other parameters than new hashes get (re-hash it at sign-in). */
export function needsRehash(stored: string, params: ScryptParams = currentScryptParams()): boolean {
  const parsed = parseHash(stored);
  return !parsed || parsed.N !== params.N || parsed.r !== params.r || parsed.p !== params.p;
}

/** A hash of nothing, verified against when the user does not exist so timing reveals nothing. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(12).toString("hex"));
  return dummyHash;
}
