// What the benchmarks (bench-api.ts, bench-webhooks.ts, bench-analytics.ts) share: a fresh PostgreSQL database per
// run on a local server, a per-run Redis key prefix, and the clean-ups that remove both at the end.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";

import pg from "pg";

import { deleteRedisKeys } from "./redis-keys";
import { isLocalHost } from "./repo";

/** This process and a random part, joined by `separator`: unique per run. */
const runId = (separator: string): string => `${process.pid}${separator}${randomBytes(3).toString("hex")}`;

/** A clean-up step queued by a benchmark (run newest first by runCleanups). */
export type Cleanup = () => Promise<unknown>;

async function onServer(base: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  await client.query(sql);
  await client.end();
}

/**
 * Creates `<prefix>_<pid>_<random>` on the server of `base` (which must be local: otherwise
 * `refuse(message)` is called, which throws by default) and queues dropping it on `cleanups`.
 */
export async function freshDatabase(
  base: string,
  {
    prefix,
    cleanups,
    refuse = defaultRefuse,
  }: { prefix: string; cleanups: Cleanup[]; refuse?: (message: string) => never },
): Promise<{ url: string; name: string }> {
  const host = new URL(base).hostname;
  if (!isLocalHost(host)) refuse(`refusing DATABASE_URL on ${host}: use a local server`);
  const name = `${prefix}_${runId("_")}`;
  await onServer(base, `CREATE DATABASE "${name}"`);
  cleanups.push(() => onServer(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}

function defaultRefuse(message: string): never {
  throw new Error(message);
}

/**
 * A key prefix of its own for this run under REDIS_KEY_PREFIX ("<name>-<pid>-<random>-"); its keys
 * are deleted from `redisUrl` by `cleanups`.
 */
export function redisRunPrefix(name: string, redisUrl: string, cleanups: Cleanup[]): string {
  const prefix = `${process.env.REDIS_KEY_PREFIX ?? ""}${name}-${runId("-")}-`;
  cleanups.push(() => deleteRedisKeys(redisUrl, prefix));
  return prefix;
}

/** Runs the queued clean-ups, newest first; a failing one is reported and the others still run. */
export async function runCleanups(cleanups: Cleanup[]): Promise<void> {
  for (const task of cleanups.reverse()) {
    await task().catch((error: unknown) =>
      console.error(`[bench] cleanup: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
}

/** A numeric setting from the environment (BENCH_ROUNDS=…), or `fallback` when unset or empty. */
export function numberSetting(name: string, fallback: number): number {
  const value = process.env[name];
  return value === undefined || value === "" ? fallback : Number(value);
}

export const benchLog = (message: string): void => console.log(`[bench] ${message}`);

/**
 * Runs `node <args>` in the foreground and returns its exit code. A setup step (any `label` but
 * "measure") that fails throws, and one that succeeds logs its time; the measuring step's code is
 * the benchmark's verdict and is returned as is.
 */
export function runStep(label: string, args: string[], env: NodeJS.ProcessEnv): number {
  const started = Date.now();
  const result = spawnSync(process.execPath, args, { stdio: ["ignore", "inherit", "inherit"], env });
  if (label === "measure") return result.status ?? 1;
  if (result.status !== 0) throw new Error(`${label} failed (exit ${result.status ?? result.signal})`);
  benchLog(`${label} done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return 0;
}
