// npm run bench:knowledge — knowledge search latency at 1k and 10k articles, in one run, on the
// embedded database (PGlite, in memory) and, when DATABASE_URL is set, on that PostgreSQL server
// too (a fresh database created beside the one named, dropped afterwards): the full-text search of
// lib/knowledge (stored weighted tsvector, GIN index, ranked, highlighted; with embeddings off),
// the hybrid search (the same fused with the local embeddings' ranking, where the store has
// pgvector: PGlite; n/a elsewhere), the assistants' passage
// search (sections ranked per question), and as the baseline a plain ILIKE scan for the same words
// (what search costs without full-text indexing). Prints p50/p95 per store and size, the ratios
// 10k/1k and FTS/ILIKE, and a SUMMARY line per store.
//
// Settings: BENCH_SIZES ("1000,10000"), BENCH_QUERIES (40 queries per measurement),
// BENCH_STORES ("pglite,postgres"; postgres only runs with DATABASE_URL).
import { randomBytes } from "node:crypto";
import { cpus, loadavg } from "node:os";

import pg from "pg";

import { median } from "./lib/stats";
import { allowServerOnly } from "./lib/server-only";

// Domain modules import "server-only": map it before they load (imported dynamically below).
allowServerOnly();
const baseUrl = process.env.DATABASE_URL;
delete process.env.DATABASE_URL;
delete process.env.REDIS_URL;
delete process.env.UPSTASH_REDIS_REST_URL;
process.env.LOG_LEVEL = "error";

const SIZES = (process.env.BENCH_SIZES || "1000,10000").split(",").map(Number);
const QUERIES = Number(process.env.BENCH_QUERIES || 40);
const STORES = (process.env.BENCH_STORES || "pglite,postgres")
  .split(",")
  .filter((s) => s === "pglite" || (s === "postgres" && baseUrl)) as ("pglite" | "postgres")[];
const log = (message: string) => console.log(`[bench] ${message}`);
/** Searches that failed (timed out), per "store size". */
const failures = new Map<string, number>();

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

interface Row {
  store: string;
  size: number;
  fts: number[];
  /** Full text fused with vectors (local embeddings), where the store has pgvector. */
  hybrid: number[] | null;
  passages: number[];
  ilike: number[];
}

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function runStore(store: "pglite" | "postgres"): Promise<Row[]> {
  const { createPgliteClient, createPostgresClient, setDb } = await import("../lib/db/client");
  const { pgliteExecutor, postgresExecutor } = await import("../lib/db/executors");
  const { migrate, readMigrations } = await import("../lib/db/migrate");
  const { createTenant } = await import("../lib/tenancy/tenants");
  const { buildTenantContext } = await import("../lib/tenancy/context");
  const { withTenant } = await import("../lib/db/tenant");
  const { searchKnowledgeBase, passagesFor } = await import("../lib/knowledge/search");
  const { vectorStoreAvailable } = await import("../lib/knowledge/vectors");
  const { hashedEmbedding } = await import("../lib/knowledge/embeddings");
  const { chunkText } = await import("../lib/knowledge/sections");
  const { env } = await import("../lib/env");

  let close: () => Promise<void>;
  const dbName = `tessera_bench_knowledge_${process.pid}_${randomBytes(3).toString("hex")}`;
  if (store === "postgres") {
    await adminQuery(`CREATE DATABASE "${dbName}"`);
    const url = new URL(baseUrl!);
    url.pathname = `/${dbName}`;
    const executor = await postgresExecutor(url.toString());
    await migrate(executor, readMigrations());
    await executor.close();
    const handle = createPostgresClient(url.toString());
    setDb(handle);
    close = async () => {
      await handle.client.$disconnect();
      await adminQuery(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    };
  } else {
    const handle = await createPgliteClient();
    await migrate(pgliteExecutor(handle.pglite!), readMigrations());
    setDb(handle);
    close = async () => {
      await handle.client.$disconnect();
      await handle.pglite?.close();
    };
  }
  try {
    const { getDb } = await import("../lib/db/client");
    const db = await getDb();
    const user = await db.user.create({ data: { email: "bench@bench.test", name: "Bench" } });
    const actor = { id: user.id, email: user.email };
    const tenant = await createTenant({ name: "Bench", slug: "bench-knowledge" }, actor, {
      tier: "ENTERPRISE",
      trialTier: null,
    });
    const ctx = buildTenantContext({ ...actor, name: user.name, isPlatformAdmin: false }, tenant, "OWNER");
    // The same articles and queries on every store.
    const random = rng(42);
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
    const words = (n: number) =>
      Array.from({ length: n }, () => (random() < 0.08 ? pick(RARE) : pick(COMMON))).join(" ");
    const queries = Array.from({ length: QUERIES }, () => `${pick(RARE)} ${pick(COMMON)}`);

    const rows: Row[] = [];
    let count = 0;
    const vectors = await vectorStoreAvailable();
    for (const size of SIZES) {
      const started = performance.now();
      while (count < size) {
        const batch = Math.min(1000, size - count);
        const data = Array.from({ length: batch }, (_, i) => ({
          tenantId: tenant.id,
          id: `bench${count + i}`,
          title: `${pick(COMMON)} ${pick(RARE)} ${pick(COMMON)}`,
          body: `# ${pick(COMMON)} ${pick(COMMON)}\n\n${words(90)}\n\n## ${pick(COMMON)}\n\n${words(90)}`,
        }));
        await db.knowledgeArticle.createMany({ data });
        if (vectors) {
          // The chunks' local embeddings, as a save writes them (lib/knowledge/vectors.ts), in bulk.
          const chunks = data.flatMap((a) =>
            chunkText(a.title, a.body).map((text, chunk) => ({
              id: a.id,
              chunk,
              v: `[${hashedEmbedding(text, env.EMBEDDING_DIMENSIONS).join(",")}]`,
            })),
          );
          await db.$executeRawUnsafe(
            `INSERT INTO knowledge_chunks ("tenantId", "articleId", chunk, model, embedding)
             SELECT $1, x->>'id', (x->>'chunk')::int, 'local-hash-v1', (x->>'v')::vector
             FROM jsonb_array_elements($2::jsonb) AS x`,
            tenant.id,
            JSON.stringify(chunks),
          );
        }
        count += batch;
      }
      await db.$executeRawUnsafe("ANALYZE knowledge_articles");
      log(`${store}: ${size} articles written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      // A failure (Prisma's 10 s transaction timeout on a slow search) counts with its time.
      const timed = async (fn: (q: string) => Promise<unknown>, q: string) => {
        const t0 = performance.now();
        await fn(q).catch((error: unknown) => {
          if (!(error instanceof Error && /expired transaction|timeout/i.test(error.message))) throw error;
          failures.set(`${store} ${size}`, (failures.get(`${store} ${size}`) ?? 0) + 1);
        });
        return performance.now() - t0;
      };
      const measure = async (fn: (q: string) => Promise<unknown>) => {
        for (const q of queries.slice(0, 5)) await timed(fn, q); // warm-up
        const times: number[] = [];
        for (const q of queries) times.push(await timed(fn, q));
        return times;
      };
      log(`${store}: measuring ${size}`);
      env.KNOWLEDGE_EMBEDDINGS = "off";
      const fts = await measure((q) => searchKnowledgeBase(ctx, q, { limit: 10 }));
      env.KNOWLEDGE_EMBEDDINGS = "local";
      const hybrid = vectors ? await measure((q) => searchKnowledgeBase(ctx, q, { limit: 10 })) : null;
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
      rows.push({ store, size, fts, hybrid, passages, ilike });
    }
    return rows;
  } finally {
    await close();
  }
}

async function main() {
  log(
    `stores ${STORES.join(", ")}; sizes ${SIZES.join(", ")} articles of ~200 words; ${QUERIES} queries each; ` +
      `${cpus().length} CPUs, load ${loadavg()[0]?.toFixed(2)}`,
  );
  const rows: Row[] = [];
  for (const store of STORES) rows.push(...(await runStore(store)));

  console.log("");
  console.log(
    "store      articles   FTS p50 ms   FTS p95 ms   hybrid p50 ms   passages p50 ms   ILIKE p50 ms   FTS/ILIKE",
  );
  for (const r of rows) {
    const hybrid = r.hybrid ? median(r.hybrid).toFixed(1) : "n/a";
    console.log(
      `${r.store.padEnd(8)} ${String(r.size).padStart(10)} ${median(r.fts).toFixed(1).padStart(12)} ${p95(r.fts).toFixed(1).padStart(12)} ` +
        `${hybrid.padStart(15)} ` +
        `${median(r.passages).toFixed(1).padStart(17)} ${median(r.ilike).toFixed(1).padStart(14)} ` +
        `${(median(r.fts) / median(r.ilike)).toFixed(2).padStart(11)}`,
    );
  }
  for (const [key, n] of failures) console.log(`FAILED ${key}: ${n} searches timed out (counted with their time)`);
  console.log("");
  for (const store of STORES) {
    const own = rows.filter((r) => r.store === store);
    const first = own[0]!;
    const last = own.at(-1)!;
    console.log(
      `SUMMARY ${store}: FTS p50 ${median(first.fts).toFixed(1)} ms at ${first.size}, ${median(last.fts).toFixed(1)} ms at ${last.size} ` +
        `(×${(median(last.fts) / median(first.fts)).toFixed(2)}); ILIKE ×${(median(last.ilike) / median(first.ilike)).toFixed(2)}; ` +
        `FTS/ILIKE at ${last.size}: ${(median(last.fts) / median(last.ilike)).toFixed(2)}` +
        (last.hybrid ? `; hybrid/FTS at ${last.size}: ${(median(last.hybrid) / median(last.fts)).toFixed(2)}` : ""),
    );
  }
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
