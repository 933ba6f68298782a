// Key distribution by pattern: a bounded SCAN sample (TTL and memory sampled per group). Never KEYS.
import "server-only";

import { type ConsoleOptions, type RedisTarget, targetOf } from "./target";

import type { z } from "zod";

import { parseInput } from "@/lib/errors";
import { assertOperator, type Operator } from "../tenancy/operator";
import {
  classifyKey,
  emptyGroup,
  mergeReports,
  patternOf,
  ttlBucket,
  type BigKey,
  type PatternGroup,
  type PatternReport,
} from "../cache/keyspace";
import { scanQuerySchema } from "../cache/schemas";

const escapeGlob = (text: string) => text.replace(/[*?[\]\\]/g, "\\$&");

interface ScanPage {
  cursor: string;
  /** Keys without the client prefix. */
  keys: string[];
}

export async function scanPage(target: RedisTarget, cursor: string, match: string, count: number): Promise<ScanPage> {
  const [next, keys] = (await target.redis.scan(cursor, {
    match: `${escapeGlob(target.keyPrefix)}${match}`,
    count,
  })) as [string | number, string[]];
  const prefix = target.keyPrefix;
  return {
    cursor: String(next),
    keys: keys.map((key) => (prefix && key.startsWith(prefix) ? key.slice(prefix.length) : key)),
  };
}

async function memoryUsage(target: RedisTarget, key: string): Promise<number | null> {
  // MEMORY USAGE is not prefixed by ioredis: send the full key name.
  const reply = await target.redis.exec<number | null>([
    "MEMORY",
    "USAGE",
    `${target.keyPrefix}${key}`,
    "SAMPLES",
    "0",
  ]);
  return typeof reply === "number" ? reply : reply === null ? null : Number(reply);
}

// ─── Key distribution by pattern ───────────────────────────────────────────────

export interface ScanResult extends PatternReport {
  /** Resume here (the console scans in steps and merges); "0" when complete. */
  cursor: string;
}

export const SCAN_COUNT = 1_000;
const TTL_SAMPLE_PER_PAGE = 200;
const MEMORY_SAMPLE_PER_GROUP = 3;
const MEMORY_SAMPLE_MAX = 60;

/**
 * One bounded step of a keyspace scan: SCAN pages (COUNT 1000) until `max_keys` keys were seen,
 * the budget ran out or the keyspace was covered; TTLs read for a sample of each page (one
 * pipeline), MEMORY USAGE for a few keys per pattern. Cost: at most max_keys/1000 + 200 SCAN calls.
 */
export async function scanKeyspace(
  operator: Operator,
  query: z.input<typeof scanQuerySchema>,
  options: ConsoleOptions = {},
): Promise<ScanResult> {
  assertOperator(operator);
  const { cursor: start, max_keys: maxKeys, max_ms: maxMs, match } = parseInput(scanQuerySchema, query);
  const target = await targetOf(options);
  const started = performance.now();
  const groups = new Map<string, PatternGroup>();
  const memorySamples = new Map<string, number>();
  const biggest: BigKey[] = [];
  let memoryMeasured = false;
  let memoryRefused = false;
  let measuredTotal = 0;
  let cursor = start;
  let scanned = 0;
  let commands = 0;
  let calls = 0;
  const maxCalls = Math.ceil(maxKeys / SCAN_COUNT) + 200;
  do {
    const page = await scanPage(target, cursor, match, SCAN_COUNT);
    commands += 1;
    calls += 1;
    cursor = page.cursor;
    scanned += page.keys.length;
    const ttlSample = page.keys.slice(0, TTL_SAMPLE_PER_PAGE);
    let ttls: unknown[] = [];
    if (ttlSample.length > 0) {
      const pipeline = target.redis.pipeline();
      for (const key of ttlSample) pipeline.pttl(key);
      ttls = await pipeline.exec().catch(() => []);
      commands += ttlSample.length;
    }
    for (const [i, key] of page.keys.entries()) {
      const pattern = patternOf(key);
      let group = groups.get(pattern);
      if (!group) groups.set(pattern, (group = emptyGroup(pattern, classifyKey(key), key)));
      group.count += 1;
      const ttl = ttls[i];
      if (i < ttlSample.length && typeof ttl === "number" && ttl !== -2) group.ttl[ttlBucket(ttl)] += 1;
      const taken = memorySamples.get(pattern) ?? 0;
      if (!memoryRefused && taken < MEMORY_SAMPLE_PER_GROUP && measuredTotal < MEMORY_SAMPLE_MAX) {
        memorySamples.set(pattern, taken + 1);
        measuredTotal += 1;
        commands += 1;
        try {
          const bytes = await memoryUsage(target, key);
          if (bytes !== null && Number.isFinite(bytes)) {
            memoryMeasured = true;
            group.measured += 1;
            group.bytes += bytes;
            biggest.push({ key, pattern, bytes });
          }
        } catch {
          memoryRefused = true; // the memory store and some REST plans: say so once
        }
      }
    }
  } while (cursor !== "0" && scanned < maxKeys && calls < maxCalls && performance.now() - started < maxMs);
  const dbSize = await target.redis.dbsize().catch(() => null);
  return {
    cursor,
    scanned,
    commands: commands + 1,
    complete: cursor === "0",
    dbSize: typeof dbSize === "number" ? dbSize : null,
    memoryMeasured,
    durationMs: Math.round(performance.now() - started),
    groups: [...groups.values()].sort((a, b) => b.count - a.count),
    biggest: biggest.sort((a, b) => b.bytes - a.bytes).slice(0, 10),
  };
}

/** The API's one-shot analysis: steps of scanKeyspace merged, within the same overall budget. */
export async function analyzeKeyspace(
  operator: Operator,
  query: z.input<typeof scanQuerySchema>,
  options: ConsoleOptions = {},
): Promise<ScanResult> {
  const result = await scanKeyspace(operator, query, options);
  return { ...mergeReports({ ...result, groups: [], biggest: [] }, result), cursor: result.cursor };
}
