// What a Redis key is, from its name alone: its pattern (ids replaced by `*`), the application
// namespace it belongs to, and whether the console may delete it. Pure (no I/O): the console's
// client code merges scan chunks with the same functions.

export type KeyKind = "cache" | "protected" | "unknown";

export interface KeyClass {
  /** Application namespace, e.g. "cache:tenant-slug", "rate-limit", "usage-counters"; "unknown". */
  namespace: string;
  kind: KeyKind;
  /** Why a protected key may not be invalidated. */
  reason?: string;
}

const PROTECTED: { test: RegExp; namespace: string; reason: string }[] = [
  {
    test: /^c:[a-z0-9-]+:gen$|^\{t:[^}]+\}:c:gen$/,
    namespace: "cache-generations",
    reason: "Cache generation counters: deleting one could bring back entries that were invalidated.",
  },
  {
    test: /^c:stats$|^c:history(:|$)/,
    namespace: "cache-stats",
    reason: "The cache's own hit/miss counters and history.",
  },
  {
    test: /^rl:|^\{[^}]+\}:rl:/,
    namespace: "rate-limit",
    reason: "Rate-limit windows: deleting them would let callers past their limits.",
  },
  {
    test: /^\{[^}]+\}:auth-epoch$/,
    namespace: "auth-epochs",
    reason: "API key auth epochs: deleting one could make servers honour a revoked key's cached lookup.",
  },
  {
    test: /^\{t:[^}]+\}:quota:|^\{[^}]+\}:quota:none$/,
    namespace: "quota-counters",
    reason: "Monthly API quota counters: deleting them resets tenants' quotas.",
  },
  {
    test: /^\{t:[^}]+\}:usage|^\{usage\}:|^\{[^}]+\}:usage/,
    namespace: "usage-counters",
    reason: "Usage counters not yet flushed to PostgreSQL: deleting them loses billable usage.",
  },
  {
    test: /^\{signin:[^}]+\}:|^signin:/,
    namespace: "sign-in-throttles",
    reason: "Sign-in throttles: deleting them lifts brute-force protection.",
  },
  {
    test: /^(sess|session|sessions)[:{]/,
    namespace: "sessions",
    reason: "Sessions: deleting them signs people out.",
  },
  {
    // The assistants' recorded answers (lib/assistants/streams.ts): a conversation's pointer
    // ({t:…}:ai-chat:<conversation>:stream), the chunk list ({t:…}:ai-stream:<stream>) and its stop
    // flag ({t:…}:ai-stream:<stream>:stop).
    test: /^(resumable-stream|stream|streams)[:{]|^\{t:[^}]+\}:ai-stream:|^\{t:[^}]+\}:ai-chat:[^:]+:stream$/,
    namespace: "resumable-streams",
    reason:
      "Resumable streams: deleting them breaks replies in progress (an assistant's answer can no longer be resumed after a reload, nor stopped).",
  },
];

/**
 * Keys the app derives from PostgreSQL and reads again on a miss: deletable like cache entries,
 * but not written by lib/cache/cache.ts (so no `c:` namespace).
 */
const DERIVED: { test: RegExp; namespace: string }[] = [
  // The month's AI token count per workspace (lib/assistants/chat.ts), re-read from the ai_tokens meter.
  { test: /^\{t:[^}]+\}:ai-tokens:/, namespace: "ai-token-counts" },
];

const CACHE_ENTRY = /^(?:\{t:[^}]+\}:)?c:([a-z][a-z0-9-]*):/;

export function classifyKey(key: string): KeyClass {
  for (const rule of PROTECTED) {
    if (rule.test.test(key)) return { namespace: rule.namespace, kind: "protected", reason: rule.reason };
  }
  const entry = CACHE_ENTRY.exec(key);
  if (entry) return { namespace: `cache:${entry[1]}`, kind: "cache" };
  for (const rule of DERIVED) if (rule.test.test(key)) return { namespace: rule.namespace, kind: "cache" };
  return { namespace: "unknown", kind: "unknown" };
}

/** A segment that is an id (cuid, uuid, hash, number, timestamp) rather than a name. */
function looksLikeId(segment: string): boolean {
  if (segment === "" || segment === "*") return false;
  if (/^\d+$/.test(segment)) return true;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(segment)) return true; // IPv4 (rate-limit subjects)
  if (/^[0-9a-f]{12,}$/i.test(segment)) return true;
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(segment)) return true;
  if (/^c[a-z0-9]{20,32}$/.test(segment)) return true; // cuid
  if (segment.length >= 16 && /\d/.test(segment) && /^[A-Za-z0-9_-]+$/.test(segment)) return true;
  return false;
}

/**
 * The key's pattern: hash-tag ids and id-like segments become `*`; a cache entry's id (which may be
 * a slug or a domain) always does.
 */
export function patternOf(key: string): string {
  // Hash tags anywhere ({t:<id>}, {signin:<hash>}, {<id>}) first: their ":" is not a separator.
  const tags: string[] = [];
  const masked = key.replace(/\{([^}]*)\}/g, (_, inner: string) => {
    const at = inner.indexOf(":");
    const tag = at >= 0 ? `{${inner.slice(0, at)}:*}` : looksLikeId(inner) || inner.length > 24 ? "{*}" : `{${inner}}`;
    tags.push(tag);
    return `\u0000${tags.length - 1}\u0000`;
  });
  const segments = masked.split(":");
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    // A cache entry: c:<namespace>:<id…> — the id (a slug, a domain, a user id) is always `*`.
    if (segment === "c" && i + 2 < segments.length && /^[a-z][a-z0-9-]*$/.test(segments[i + 1] ?? "")) {
      const last = segments[segments.length - 1];
      if (i + 3 === segments.length && last === "gen") {
        out.push("c", segments[i + 1] as string, "gen");
        break;
      }
      out.push("c", segments[i + 1] as string, "*");
      if (last === "lock" && i + 3 < segments.length) out.push("lock");
      break;
    }
    out.push(/^\u0000\d+\u0000$/.test(segment) ? segment : looksLikeId(segment) ? "*" : segment);
  }
  return out.join(":").replace(/\u0000(\d+)\u0000/g, (_, n: string) => tags[Number(n)] ?? "{*}");
}

/** Glob (Redis MATCH syntax: * ? [..] and \ escapes) → RegExp. */
export function globToRegExp(glob: string): RegExp {
  let out = "";
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === "\\" && i + 1 < glob.length) out += `\\${glob[++i]}`;
    else if (ch === "*") out += ".*";
    else if (ch === "?") out += ".";
    else if (ch === "[") {
      const end = glob.indexOf("]", i + 1);
      if (end < 0) out += "\\[";
      else {
        out += `[${glob
          .slice(i + 1, end)
          .replace(/^!/, "^")
          .replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else out += ch.replace(/[.+^${}()|\]\\]/g, "\\$&");
  }
  return new RegExp(`^${out}$`, "s");
}

/**
 * A pattern that can only ever match protected keys is refused outright: classifying the pattern's
 * own text (its wildcards read as ids) names the protected namespace. Null when it may match
 * deletable keys (the scan then narrows it).
 */
export function refusalOf(pattern: string): KeyClass | null {
  const literal = pattern.replace(/\*/g, "x1").replace(/\?/g, "x");
  const cls = classifyKey(literal);
  const wildcardHead = /^[*?[]/.test(pattern);
  return cls.kind === "protected" && !wildcardHead ? cls : null;
}

// ─── Pattern reports (mergeable: the console scans in chunks and merges) ────────

export const TTL_BUCKETS = ["none", "<1m", "1-10m", "10m-1h", "1h-1d", ">1d"] as const;
export type TtlBucket = (typeof TTL_BUCKETS)[number];

export function ttlBucket(pttl: number): TtlBucket {
  if (pttl < 0) return "none";
  if (pttl < 60_000) return "<1m";
  if (pttl < 600_000) return "1-10m";
  if (pttl < 3_600_000) return "10m-1h";
  if (pttl < 86_400_000) return "1h-1d";
  return ">1d";
}

export interface PatternGroup {
  pattern: string;
  namespace: string;
  kind: KeyKind;
  /** Keys seen in the sample. */
  count: number;
  /** Keys whose memory was measured, and their total bytes. */
  measured: number;
  bytes: number;
  /** Keys whose TTL was read, by bucket. */
  ttl: Record<TtlBucket, number>;
  example: string;
}

export interface BigKey {
  key: string;
  pattern: string;
  bytes: number;
}

export interface PatternReport {
  /** Keys seen by the scan. */
  scanned: number;
  /** SCAN calls made and the other commands (TTL, MEMORY USAGE) spent. */
  commands: number;
  /** The scan went through the whole keyspace (cursor back to 0). */
  complete: boolean;
  /** The keyspace size (DBSIZE) when known; with a key prefix, the whole database's. */
  dbSize: number | null;
  /** Whether MEMORY USAGE answered (not on the memory store). */
  memoryMeasured: boolean;
  durationMs: number;
  groups: PatternGroup[];
  biggest: BigKey[];
}

export function emptyGroup(pattern: string, cls: KeyClass, example: string): PatternGroup {
  return {
    pattern,
    namespace: cls.namespace,
    kind: cls.kind,
    count: 0,
    measured: 0,
    bytes: 0,
    ttl: Object.fromEntries(TTL_BUCKETS.map((b) => [b, 0])) as Record<TtlBucket, number>,
    example,
  };
}

export function mergeReports(a: PatternReport, b: PatternReport, biggest = 10): PatternReport {
  const groups = new Map(a.groups.map((g) => [g.pattern, { ...g, ttl: { ...g.ttl } }]));
  for (const g of b.groups) {
    const into = groups.get(g.pattern);
    if (!into) {
      groups.set(g.pattern, { ...g, ttl: { ...g.ttl } });
      continue;
    }
    into.count += g.count;
    into.measured += g.measured;
    into.bytes += g.bytes;
    for (const bucket of TTL_BUCKETS) into.ttl[bucket] += g.ttl[bucket];
  }
  return {
    scanned: a.scanned + b.scanned,
    commands: a.commands + b.commands,
    complete: b.complete,
    dbSize: b.dbSize ?? a.dbSize,
    memoryMeasured: a.memoryMeasured || b.memoryMeasured,
    durationMs: a.durationMs + b.durationMs,
    groups: [...groups.values()].sort((x, y) => y.count - x.count),
    biggest: [...a.biggest, ...b.biggest].sort((x, y) => y.bytes - x.bytes).slice(0, biggest),
  };
}

/** Estimated bytes of a group: measured average × keys seen. */
export function estimatedBytes(group: PatternGroup): number | null {
  return group.measured > 0 ? Math.round((group.bytes / group.measured) * group.count) : null;
}

/** Bytes for people: "512 B", "1.5 KiB", "3.2 MiB"; "—" when unknown. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return "—";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}
