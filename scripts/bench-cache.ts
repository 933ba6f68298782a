// npm run bench:cache
// Tenant-context lookups (slug + user → tenant row and role: what every /t/[slug] request and
// session API call resolves) under a realistic mix: tenants drawn from a Zipf distribution, members
// uniformly, and a share of writes that invalidate (role changes, renames). Measured in the same
// run: the cached path (lib/tenancy/cached.ts, through Redis) and the uncached query it replaces.
// Prints the hit rate (goal ≥ 90%), p50/p99 of each and their ratio.
//
// Database: a fresh database on the server at DATABASE_URL (dropped afterwards), else an in-memory
// PGlite. Redis: REDIS_URL under its own key prefix (deleted afterwards), else the memory store.
// Knobs: BENCH_TENANTS (200), BENCH_MEMBERS (5), BENCH_OPS (20000), BENCH_WRITE_RATIO (0.01),
// BENCH_ZIPF_S (1.1).
import { randomBytes } from "node:crypto";

import pg from "pg";

const base = process.env.DATABASE_URL;
const dbName = `tessera_bench_cache_${process.pid}_${randomBytes(3).toString("hex")}`;
const prefix = `bench-cache-${process.pid}-${randomBytes(3).toString("hex")}:`;
if (process.env.REDIS_URL) process.env.REDIS_KEY_PREFIX = prefix;
process.env.LOG_LEVEL = "error";
if (base) {
  const url = new URL(base);
  url.pathname = `/${dbName}`;
  process.env.DATABASE_URL = url.toString();
}

const TENANTS = Number(process.env.BENCH_TENANTS ?? 200);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 5);
const OPS = Number(process.env.BENCH_OPS ?? 20_000);
const WRITE_RATIO = Number(process.env.BENCH_WRITE_RATIO ?? 0.01);
const ZIPF_S = Number(process.env.BENCH_ZIPF_S ?? 1.1);

/** A seeded PRNG (mulberry32): the same mix on every run. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function zipfSampler(n: number, s: number, random: () => number) {
  const weights = Array.from({ length: n }, (_, i) => 1 / Math.pow(i + 1, s));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of weights) cumulative.push((acc += w / total));
  return () => {
    const r = random();
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 1) < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const ms = (value: number) => `${value.toFixed(3)} ms`;

async function main() {
  if (base) {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${dbName}"`);
    await admin.end();
  }
  const { createPgliteClient, createPostgresClient, setDb } = await import("../lib/db/client");
  const { pgliteExecutor, postgresExecutor } = await import("../lib/db/executors");
  const { migrate, readMigrations } = await import("../lib/db/migrate");
  let close: () => Promise<void>;
  if (base) {
    const executor = await postgresExecutor(process.env.DATABASE_URL as string);
    await migrate(executor, readMigrations());
    await executor.close();
    const handle = createPostgresClient(process.env.DATABASE_URL as string);
    setDb(handle);
    close = () => handle.client.$disconnect();
  } else {
    const handle = await createPgliteClient();
    await migrate(pgliteExecutor(handle.pglite!), readMigrations());
    setDb(handle);
    close = async () => {
      await handle.client.$disconnect();
      await handle.pglite?.close();
    };
  }
  const { getDb } = await import("../lib/db/client");
  const { appCache } = await import("../lib/cache/namespaces");
  const { cachedMembershipBySlug } = await import("../lib/tenancy/cached");
  const { buildTenantContext } = await import("../lib/tenancy/context");
  const { changeMemberRole } = await import("../lib/lifecycle/members");
  const { updateTenantSettings } = await import("../lib/tenancy/tenants");
  const db = await getDb();

  // ── Data: TENANTS tenants with MEMBERS members each ──
  const started = performance.now();
  const tenants: { id: string; slug: string; members: { id: string; email: string }[] }[] = [];
  for (let i = 0; i < TENANTS; i++) {
    const slug = `bench-${i}`;
    const tenant = await db.tenant.create({ data: { name: `Bench ${i}`, slug } });
    const users = Array.from({ length: MEMBERS }, (_, m) => ({ email: `u${m}-${slug}@bench.test`, name: `U${m}` }));
    const created = await db.user.createManyAndReturn({ data: users, select: { id: true, email: true } });
    // The owner is u0 whatever order the rows come back in.
    created.sort((a, b) => a.email.localeCompare(b.email, "en", { numeric: true }));
    await db.membership.createMany({
      data: created.map((user, m) => ({
        tenantId: tenant.id,
        userId: user.id,
        role: m === 0 ? ("OWNER" as const) : ("MEMBER" as const),
      })),
    });
    tenants.push({ id: tenant.id, slug, members: created });
  }
  console.log(
    `bench:cache  ${TENANTS} tenants × ${MEMBERS} members on ${base ? "PostgreSQL" : "PGlite"} in ${((performance.now() - started) / 1000).toFixed(1)} s; Redis: ${process.env.REDIS_URL ? "TCP" : "memory store"}`,
  );

  const uncached = async (slug: string, userId: string) =>
    db.membership.findFirst({
      where: { userId, tenant: { slug, status: { not: "DELETED" } } },
      include: { tenant: true },
    });

  const random = rng(42);
  const pickTenant = zipfSampler(TENANTS, ZIPF_S, random);
  const cachedTimes: number[] = [];
  const uncachedTimes: number[] = [];
  let writes = 0;
  const cache = appCache();
  const before = await cache.readStats();
  for (let op = 0; op < OPS; op++) {
    const tenant = tenants[pickTenant()]!;
    const member = tenant.members[Math.floor(random() * tenant.members.length)]!;
    if (random() < WRITE_RATIO) {
      // A write that invalidates: a role change (one member's entry) or a rename (the tenant's).
      const owner = tenant.members[0]!;
      const found = await cachedMembershipBySlug(tenant.slug, owner.id);
      if (!found) throw new Error("owner lost");
      const ctx = buildTenantContext(
        { id: owner.id, email: owner.email, name: null, isPlatformAdmin: false },
        found.tenant,
        found.role,
      );
      const target = tenant.members[1 + Math.floor(random() * (tenant.members.length - 1))];
      if (target && random() < 0.5)
        await changeMemberRole(ctx, { userId: target.id, role: random() < 0.5 ? "ADMIN" : "MEMBER" });
      else await updateTenantSettings(ctx, { name: `Bench ${tenant.slug} ${op}` });
      writes += 1;
      continue;
    }
    // The same lookup both ways, alternating which goes first.
    const order = op % 2 === 0;
    for (const which of order ? ["cached", "uncached"] : ["uncached", "cached"]) {
      const t0 = performance.now();
      const result =
        which === "cached"
          ? await cachedMembershipBySlug(tenant.slug, member.id)
          : await uncached(tenant.slug, member.id);
      const elapsed = performance.now() - t0;
      if (!result) throw new Error(`lookup of ${tenant.slug} failed (${which})`);
      (which === "cached" ? cachedTimes : uncachedTimes).push(elapsed);
    }
  }
  const after = await cache.readStats();
  let hits = 0;
  let lookups = 0;
  for (const ns of ["tenant-slug", "tenant", "membership"]) {
    const a = after[ns];
    const b = before[ns];
    const h = (a?.hits ?? 0) + (a?.stale ?? 0) - (b?.hits ?? 0) - (b?.stale ?? 0);
    const m = (a?.misses ?? 0) - (b?.misses ?? 0);
    hits += h;
    lookups += h + m;
    console.log(
      `  ${ns.padEnd(12)} hit rate ${((h / Math.max(1, h + m)) * 100).toFixed(1)}%  (${h} hits, ${m} misses)`,
    );
  }
  cachedTimes.sort((a, b) => a - b);
  uncachedTimes.sort((a, b) => a - b);
  const p50c = quantile(cachedTimes, 0.5);
  const p99c = quantile(cachedTimes, 0.99);
  const p50u = quantile(uncachedTimes, 0.5);
  const p99u = quantile(uncachedTimes, 0.99);
  console.log(
    `  ${OPS} operations: ${cachedTimes.length} lookups each way, ${writes} invalidating writes (Zipf s=${ZIPF_S})`,
  );
  console.log(
    `  cache hit rate (all lookups of the three namespaces): ${((hits / Math.max(1, lookups)) * 100).toFixed(1)}%  (goal ≥ 90%)`,
  );
  console.log(`  cached    p50 ${ms(p50c)}  p99 ${ms(p99c)}`);
  console.log(`  uncached  p50 ${ms(p50u)}  p99 ${ms(p99u)}   (the single query it replaces)`);
  console.log(`  ratio uncached/cached: p50 ${(p50u / p50c).toFixed(2)}×  p99 ${(p99u / p99c).toFixed(2)}×`);

  cache.stop();
  await close();
  if (process.env.REDIS_URL) {
    const { deleteRedisKeys } = await import("./lib/redis-keys");
    await deleteRedisKeys(process.env.REDIS_URL, prefix);
  }
  if (base) {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.end();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
