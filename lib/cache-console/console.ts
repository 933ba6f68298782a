// The operator's Redis console, as domain functions taking the authorised Operator: stats (the
// app's counters per namespace and Redis' own INFO), a one-minute history, key distribution by
// pattern (bounded SCAN sample), pattern invalidation (SCAN + UNLINK in batches, protected
// namespaces refused or narrowed, audit-logged), health and rule-based suggestions.
// Never KEYS, FLUSHALL or FLUSHDB. Works on TCP Redis, Upstash REST and the memory store: what a
// transport cannot tell (INFO on the memory store, MEMORY USAGE) is reported as unknown.
import "server-only";
//
// One module per concern: target.ts (the Redis it talks to, INFO), stats.ts (stats and history),
// keyspace-scan.ts (distribution by pattern), invalidate.ts, health.ts and suggestions.ts; this
// module is what the routes, pages and tests import.
export * from "./target";
export * from "./stats";
export * from "./keyspace-scan";
export * from "./invalidate";
export * from "./health";
export * from "./suggestions";
export { invalidateBodySchema, scanQuerySchema } from "../cache/schemas";
export { STATS_KEY } from "../cache/cache";
