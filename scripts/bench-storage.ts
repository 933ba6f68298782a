// npm run bench:storage — what going through the app costs for files: upload and download
// throughput through the real route handlers (POST /api/v1/files/upload: key auth + Redis gate +
// type sniffing + quota reservation + streamed store + commit; GET /api/v1/files/{id}/content)
// against the same store called directly (put / get), for the disk store and the S3 store (a
// local S3-compatible server, tests/fixtures/s3-server.ts), measured in one run, interleaved
// (direct, app; app, direct; …) so drift hits both. In-process (no HTTP server), on an in-memory
// embedded database and the in-memory cache.
//
// Settings: BENCH_SIZE_MB (4) per file, BENCH_FILES (12) files per round and side, BENCH_ROUNDS
// (3). Prints MB/s per side (median over rounds), the ratio app/direct, and a SUMMARY line.
// Exit code 1 when a download did not return the uploaded bytes.
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";

import { median } from "./lib/stats";
import { allowServerOnly } from "./lib/server-only";

// Domain modules import "server-only": map it before they load (imported dynamically below).
allowServerOnly();

// An in-memory database and cache, whatever the shell has set; limits computed, never hit.
delete process.env.DATABASE_URL;
delete process.env.REDIS_URL;
delete process.env.UPSTASH_REDIS_REST_URL;
delete process.env.S3_BUCKET;
process.env.API_RATE_LIMIT_MULTIPLIER = "100000";
process.env.USAGE_FLUSH_INTERVAL_SECONDS = "0";
process.env.LOG_LEVEL = "error";

const opt = (name: string, fallback: number) => {
  const value = process.env[name];
  return value === undefined || value === "" ? fallback : Number(value);
};
const SIZE = Math.round(opt("BENCH_SIZE_MB", 4) * 1024 * 1024);
const FILES = opt("BENCH_FILES", 12);
const ROUNDS = opt("BENCH_ROUNDS", 3);
const MB = 1024 * 1024;
const log = (message: string) => console.log(`[bench] ${message}`);

async function readAll(body: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(body).arrayBuffer());
}

async function main(): Promise<number> {
  const { createPgliteClient, setDb } = await import("../lib/db/client");
  const { pgliteExecutor } = await import("../lib/db/executors");
  const { migrate, readMigrations } = await import("../lib/db/migrate");
  const { createTenant } = await import("../lib/tenancy/tenants");
  const { buildTenantContext } = await import("../lib/tenancy/context");
  const { createApiKey } = await import("../lib/api-keys/keys");
  const { setObjectStore, objectKey } = await import("../lib/storage");
  const { DiskStore } = await import("../lib/storage/disk");
  const { startLocalS3 } = await import("../tests/fixtures/s3-server");
  const upload = await import("../app/api/v1/files/upload/route");
  const content = await import("../app/api/v1/files/[id]/content/route");

  const handle = await createPgliteClient();
  await migrate(pgliteExecutor(handle.pglite!), readMigrations());
  setDb(handle);
  const db = handle.client;
  const user = await db.user.create({ data: { email: "bench@bench.test", name: "Bench" } });
  const actor = { id: user.id, email: user.email };
  const tenant = await createTenant({ name: "Bench", slug: "bench-storage" }, actor, {
    tier: "ENTERPRISE",
    trialTier: null,
  });
  const ctx = buildTenantContext({ ...actor, name: user.name, isPlatformAdmin: false }, tenant, "OWNER");
  const { secret } = await createApiKey(ctx, { name: "bench", scopes: ["files:read", "files:write"] });

  // A PDF-looking payload (the type check reads the first bytes), different per file.
  const payloads = Array.from({ length: FILES }, (_, i) => {
    const bytes = Buffer.alloc(SIZE, 0x20 + (i % 90));
    bytes.write("%PDF-1.7\n");
    return bytes;
  });

  const diskRoot = await mkdtemp(path.join(tmpdir(), "tessera-bench-disk-"));
  const s3 = await startLocalS3("tessera-bench");
  const stores = { disk: new DiskStore(diskRoot), s3: s3.store() };
  let failures = 0;
  let n = 0;
  const results: Record<string, { direct: { up: number[]; down: number[] }; app: { up: number[]; down: number[] } }> =
    {};

  async function direct(store: (typeof stores)["disk"] | (typeof stores)["s3"]) {
    const keys: string[] = [];
    let started = performance.now();
    for (const bytes of payloads) {
      const key = objectKey(tenant.id, `bench${++n}`);
      await store.put(key, new Blob([bytes]).stream(), { contentType: "application/pdf" });
      keys.push(key);
    }
    const up = (FILES * SIZE) / MB / ((performance.now() - started) / 1000);
    started = performance.now();
    for (const [i, key] of keys.entries()) {
      const got = await store.get(key);
      const body = got ? await readAll(got.body) : Buffer.alloc(0);
      if (!body.equals(payloads[i]!)) failures += 1;
    }
    const down = (FILES * SIZE) / MB / ((performance.now() - started) / 1000);
    for (const key of keys) await store.delete(key);
    return { up, down };
  }

  async function app() {
    const ids: string[] = [];
    let started = performance.now();
    for (const [i, bytes] of payloads.entries()) {
      const response = await upload.POST(
        new Request(`http://localhost/api/v1/files/upload?filename=bench-${i}.pdf`, {
          method: "POST",
          headers: { authorization: `Bearer ${secret}`, "content-length": String(bytes.length) },
          body: new Blob([bytes]).stream(),
          duplex: "half",
        } as RequestInit),
        { params: Promise.resolve({}) },
      );
      if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
      ids.push(((await response.json()) as { id: string }).id);
    }
    const up = (FILES * SIZE) / MB / ((performance.now() - started) / 1000);
    started = performance.now();
    for (const [i, id] of ids.entries()) {
      const response = await content.GET(
        new Request(`http://localhost/api/v1/files/${id}/content`, { headers: { authorization: `Bearer ${secret}` } }),
        { params: Promise.resolve({ id }) },
      );
      if (!(await readAll(response.body!)).equals(payloads[i]!)) failures += 1;
    }
    const down = (FILES * SIZE) / MB / ((performance.now() - started) / 1000);
    const { deleteFile } = await import("../lib/files/files");
    for (const id of ids) await deleteFile(ctx, id);
    return { up, down };
  }

  try {
    log(
      `${FILES} files × ${(SIZE / MB).toFixed(1)} MB per round and side, ${ROUNDS} rounds; ` +
        `${cpus().length} CPUs, load ${loadavg()[0]?.toFixed(2)}`,
    );
    for (const kind of ["disk", "s3"] as const) {
      setObjectStore(stores[kind]);
      const r = (results[kind] = {
        direct: { up: [] as number[], down: [] as number[] },
        app: { up: [] as number[], down: [] as number[] },
      });
      await direct(stores[kind]); // warm-up
      await app();
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 === 0 ? (["direct", "app"] as const) : (["app", "direct"] as const);
        for (const side of order) {
          const measured = side === "direct" ? await direct(stores[kind]) : await app();
          r[side].up.push(measured.up);
          r[side].down.push(measured.down);
        }
      }
    }
  } finally {
    setObjectStore(undefined);
    await s3.close();
    await rm(diskRoot, { recursive: true, force: true });
    await handle.client.$disconnect();
    await handle.pglite?.close();
  }

  console.log("");
  // Per file: the time at the measured rate; the app's added time is what each request costs on
  // top of moving the bytes (auth and gate, reservation and commit transactions, audit row).
  const msPerFile = (rate: number) => (SIZE / MB / rate) * 1000;
  console.log("store  direction   direct MB/s   app MB/s   app/direct   direct ms/file   app ms/file   added ms");
  const summary: string[] = [];
  for (const [kind, r] of Object.entries(results)) {
    for (const dir of ["up", "down"] as const) {
      const d = median(r.direct[dir]);
      const a = median(r.app[dir]);
      const label = dir === "up" ? "upload" : "download";
      console.log(
        `${kind.padEnd(6)} ${label.padEnd(11)} ${d.toFixed(1).padStart(11)} ${a.toFixed(1).padStart(10)} ` +
          `${(a / d).toFixed(2).padStart(12)} ${msPerFile(d).toFixed(1).padStart(16)} ${msPerFile(a).toFixed(1).padStart(13)} ` +
          `${(msPerFile(a) - msPerFile(d)).toFixed(1).padStart(10)}`,
      );
      summary.push(`${kind} ${label} ${(a / d).toFixed(2)}`);
    }
  }
  console.log("");
  console.log(`SUMMARY app/direct throughput: ${summary.join(", ")}; ${failures} byte mismatches`);
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
