// npm run bench:knowledge — knowledge search latency at 1k and 10k articles, in one run on the
// embedded database (PGlite, in memory): the full-text search of lib/knowledge (GIN index, ranked,
// highlighted), the assistants' passage search (sections ranked per question), and as the
// baseline a plain ILIKE scan for the same words (what search costs without full-text indexing).
// Prints p50/p95 per size, the ratios 10k/1k and FTS/ILIKE, and a SUMMARY line.
//
// Settings: BENCH_SIZES ("1000,10000"), BENCH_QUERIES (40 queries per measurement).
import { cpus, loadavg } from "node:os";

import { median } from "./lib/stats.mjs";
import { allowServerOnly } from "./lib/server-only";

// Domain modules import "server-only": map it before they load (imported dynamically below).
allowServerOnly();
delete process.env.DATABASE_URL;
delete process.env.REDIS_URL;
delete process.env.UPSTASH_REDIS_REST_URL;
process.env.LOG_LEVEL = "error";

const SIZES = (process.env.BENCH_SIZES || "1000,10000").split(",").map(Number);
const QUERIES = Number(process.env.BENCH_QUERIES || 40);
const log = (message: string) => console.log(`[bench] ${message}`);

// A vocabulary for generated articles; some words are rare so queries have few, ranked matches.
const COMMON = (
  "account billing invoice payment plan member role workspace setting security password email team " +
  "project report export import data file upload download limit quota request error support help guide " +
  "customer order shipping delivery refund policy access token integration webhook dashboard metric"
).split(" ");
const RARE = Array.from({ length: 400 }, (_, i) => `term${i.toString(36)}x`);

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0;
}

async function main() {
  const { createPgliteClient, setDb } = await import("../lib/db/client");
  const { pgliteExecutor } = await import("../lib/db/executors");
  const { migrate, readMigrations } = await import("../lib/db/migrate");
  const { createTenant } = await import("../lib/tenancy/tenants");
  const { buildTenantContext } = await import("../lib/tenancy/context");
  const { withTenant } = await import("../lib/db/tenant");
  const { searchKnowledgeBase, passagesFor } = await import("../lib/knowledge/search");

  const handle = await createPgliteClient();
  await migrate(pgliteExecutor(handle.pglite!), readMigrations());
  setDb(handle);
  const db = handle.client;
  const user = await db.user.create({ data: { email: "bench@bench.test", name: "Bench" } });
  const actor = { id: user.id, email: user.email };
  const tenant = await createTenant({ name: "Bench", slug: "bench-knowledge" }, actor, {
    tier: "ENTERPRISE",
    trialTier: null,
  });
  const ctx = buildTenantContext({ ...actor, name: user.name, isPlatformAdmin: false }, tenant, "OWNER");
  const random = rng(42);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const words = (n: number) => Array.from({ length: n }, () => (random() < 0.08 ? pick(RARE) : pick(COMMON))).join(" ");
  const queries = Array.from({ length: QUERIES }, () => `${pick(RARE)} ${pick(COMMON)}`);

  log(
    `sizes ${SIZES.join(", ")} articles of ~200 words; ${QUERIES} queries each; ${cpus().length} CPUs, load ${loadavg()[0]?.toFixed(2)}`,
  );
  const rows: { size: number; fts: number[]; passages: number[]; ilike: number[] }[] = [];
  let count = 0;
  for (const size of SIZES) {
    while (count < size) {
      const batch = Math.min(1000, size - count);
      await db.knowledgeArticle.createMany({
        data: Array.from({ length: batch }, (_, i) => ({
          tenantId: tenant.id,
          id: `bench${count + i}`,
          title: `${pick(COMMON)} ${pick(RARE)} ${pick(COMMON)}`,
          body: `# ${pick(COMMON)} ${pick(COMMON)}\n\n${words(90)}\n\n## ${pick(COMMON)}\n\n${words(90)}`,
        })),
      });
      count += batch;
    }
    await db.$executeRawUnsafe("ANALYZE knowledge_articles");
    const measure = async (fn: (q: string) => Promise<unknown>) => {
      for (const q of queries.slice(0, 5)) await fn(q); // warm-up
      const times: number[] = [];
      for (const q of queries) {
        const started = performance.now();
        await fn(q);
        times.push(performance.now() - started);
      }
      return times;
    };
    const fts = await measure((q) => searchKnowledgeBase(ctx, q, { limit: 10 }));
    const passages = await measure((q) => passagesFor(tenant.id, q, 3));
    const ilike = await measure((q) => {
      const [a = "", b = ""] = q.split(" ");
      return withTenant(
        tenant.id,
        (tx) =>
          tx.$queryRaw`SELECT id, title FROM knowledge_articles
          WHERE (title || ' ' || body) ILIKE ${`%${a}%`} AND (title || ' ' || body) ILIKE ${`%${b}%`}
          ORDER BY "updatedAt" DESC LIMIT 10`,
      );
    });
    rows.push({ size, fts, passages, ilike });
  }
  await handle.client.$disconnect();
  await handle.pglite?.close();

  console.log("");
  console.log("articles   FTS p50 ms   FTS p95 ms   passages p50 ms   ILIKE p50 ms   FTS/ILIKE");
  for (const r of rows) {
    console.log(
      `${String(r.size).padStart(8)} ${median(r.fts).toFixed(1).padStart(12)} ${p95(r.fts).toFixed(1).padStart(12)} ` +
        `${median(r.passages).toFixed(1).padStart(17)} ${median(r.ilike).toFixed(1).padStart(14)} ` +
        `${(median(r.fts) / median(r.ilike)).toFixed(2).padStart(11)}`,
    );
  }
  const first = rows[0]!;
  const last = rows.at(-1)!;
  console.log("");
  console.log(
    `SUMMARY FTS p50 ${median(first.fts).toFixed(1)} ms at ${first.size}, ${median(last.fts).toFixed(1)} ms at ${last.size} ` +
      `(×${(median(last.fts) / median(first.fts)).toFixed(2)}); ILIKE ×${(median(last.ilike) / median(first.ilike)).toFixed(2)}; ` +
      `FTS/ILIKE at ${last.size}: ${(median(last.fts) / median(last.ilike)).toFixed(2)}`,
  );
}

// exitCode, not exit(): process.exit() can cut off stdout still being written to a pipe.
main().then(
  () => {
    process.exitCode = 0;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
