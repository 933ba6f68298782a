// AUTH_SECRET when configured; otherwise a random secret generated once and kept under .data/,
// so the embedded default survives restarts (single instance only: set AUTH_SECRET when scaling).
import "server-only";

import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { env } from "../env";

let cached: string | undefined;

export function authSecret(): string {
  if (cached) return cached;
  if (env.AUTH_SECRET) return (cached = env.AUTH_SECRET);
  const file = path.join(path.dirname(path.resolve(env.PGLITE_DATA_DIR)), "auth-secret");
  if (existsSync(file)) return (cached = readFileSync(file, "utf8").trim());
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return (cached = secret);
}
