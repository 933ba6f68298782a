// What the benchmarks (bench-api.mjs, bench-webhooks.mjs) share: a fresh PostgreSQL database per
// run on a local server, a per-run Redis key prefix, and the clean-ups that remove both at the end.
import { randomBytes } from "node:crypto";

import pg from "pg";

import { deleteRedisKeys } from "./redis-keys.mjs";
import { isLocalHost } from "./repo.mjs";

/** This process and a random part, joined by `separator`: unique per run. */
const runId = (separator) => `${process.pid}${separator}${randomBytes(3).toString("hex")}`;

async function onServer(base, sql) {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  await client.query(sql);
  await client.end();
}

/**
 * Creates `<prefix>_<pid>_<random>` on the server of `base` (which must be local: otherwise
 * `refuse(message)` is called, which throws by default) and queues dropping it on `cleanups`.
 */
export async function freshDatabase(base, { prefix, cleanups, refuse = defaultRefuse }) {
  const host = new URL(base).hostname;
  if (!isLocalHost(host)) refuse(`refusing DATABASE_URL on ${host}: use a local server`);
  const name = `${prefix}_${runId("_")}`;
  await onServer(base, `CREATE DATABASE "${name}"`);
  cleanups.push(() => onServer(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}

function defaultRefuse(message) {
  throw new Error(message);
}

/**
 * A key prefix of its own for this run under REDIS_KEY_PREFIX ("<name>-<pid>-<random>-"); its keys
 * are deleted from `redisUrl` by `cleanups`.
 */
export function redisRunPrefix(name, redisUrl, cleanups) {
  const prefix = `${process.env.REDIS_KEY_PREFIX ?? ""}${name}-${runId("-")}-`;
  cleanups.push(() => deleteRedisKeys(redisUrl, prefix));
  return prefix;
}

/** Runs the queued clean-ups, newest first; a failing one is reported and the others still run. */
export async function runCleanups(cleanups) {
  for (const task of cleanups.reverse()) {
    await task().catch((error) => console.error(`[bench] cleanup: ${error.message}`));
  }
}
