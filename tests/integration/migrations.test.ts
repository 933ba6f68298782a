// The migration runner (lib/db/migrate.ts) on a database of its own: real PostgreSQL (a
// dedicated database created from DATABASE_URL) when configured, otherwise a fresh PGlite.
import { createHash, randomBytes } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";

import { pgliteExecutor, postgresExecutor } from "@/lib/db/executors";
import { defaultMigrationsDir, migrate, readMigrations, type SqlExecutor } from "@/lib/db/migrate";
import { at } from "../helpers/indexed";

const baseUrl = process.env.DATABASE_URL;
const kind = baseUrl ? "postgres" : "embedded";

interface FreshDb {
  db: SqlExecutor;
  close(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** An empty database nobody else uses: a new PostgreSQL database, or a new in-memory PGlite. */
async function freshDatabase(): Promise<FreshDb> {
  if (baseUrl) {
    const name = `tessera_migtest_${process.pid}_${randomBytes(4).toString("hex")}`;
    await adminQuery(`CREATE DATABASE "${name}"`);
    const executor = await postgresExecutor(withDatabase(baseUrl, name));
    return {
      db: executor,
      close: async () => {
        await executor.close();
        await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      },
    };
  }
  const pglite = new PGlite();
  await pglite.waitReady;
  return { db: pgliteExecutor(pglite), close: () => pglite.close() };
}

interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  started_at: Date;
  logs: string | null;
  applied_steps_count: number;
}

const rows = (db: SqlExecutor) =>
  db.query<MigrationRow>(`SELECT * FROM "_prisma_migrations" ORDER BY started_at, migration_name`);

const tableExists = async (db: SqlExecutor, table: string) =>
  at(await db.query<{ found: string | null }>(`SELECT to_regclass($1)::text AS found`, [table]), 0).found !== null;

/** The migration folders on disk, read independently of the runner. */
const onDisk = readdirSync(defaultMigrationsDir(), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()
  .map((name) => {
    const bytes = readFileSync(path.join(defaultMigrationsDir(), name, "migration.sql"));
    return { name, checksum: createHash("sha256").update(bytes).digest("hex") };
  });

/** A scratch copy of prisma/migrations that a test may change. */
function copyMigrations(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "tessera-migrations-"));
  cpSync(defaultMigrationsDir(), dir, { recursive: true });
  scratchDirs.push(dir);
  return dir;
}

function addMigration(dir: string, name: string, sql: string): void {
  mkdirSync(path.join(dir, name));
  writeFileSync(path.join(dir, name, "migration.sql"), sql);
}

const scratchDirs: string[] = [];

afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

describe("readMigrations", () => {
  it("finds every migration folder in order with the file's sha256", () => {
    expect(onDisk.length).toBeGreaterThan(0);
    const migrations = readMigrations();
    expect(migrations.map((m) => m.name)).toEqual(onDisk.map((m) => m.name));
    expect(migrations.map((m) => m.checksum)).toEqual(onDisk.map((m) => m.checksum));
    for (const m of migrations) expect(m.name).toMatch(/^\d{14}_[a-z0-9_]+$/);
  });

  it("ignores folders without a migration.sql", () => {
    const dir = copyMigrations();
    mkdirSync(path.join(dir, "99990101000000_not_a_migration"));
    expect(readMigrations(dir).map((m) => m.name)).toEqual(onDisk.map((m) => m.name));
  });

  it("refuses a folder that does not exist", () => {
    expect(() => readMigrations(path.join(tmpdir(), "tessera-no-such-migrations"))).toThrow(
      /migrations folder not found/,
    );
  });
});

describe(`migration runner (${kind})`, () => {
  let fresh: FreshDb;

  beforeEach(async () => {
    fresh = await freshDatabase();
  });

  afterEach(async () => {
    await fresh.close();
  });

  it("applies every migration to an empty database and records it as Prisma Migrate does", async () => {
    const result = await migrate(fresh.db, readMigrations());
    expect(result).toEqual({ applied: onDisk.map((m) => m.name), alreadyApplied: 0, modified: [] });

    const recorded = await rows(fresh.db);
    expect(recorded.map((r) => r.migration_name)).toEqual(onDisk.map((m) => m.name));
    for (const [i, row] of recorded.entries()) {
      expect(row.checksum).toBe(at(onDisk, i).checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
      expect(new Date(row.finished_at!).getTime()).toBeGreaterThanOrEqual(new Date(row.started_at).getTime());
    }
    // The schema really exists: the tables of the first migration are there.
    for (const table of ["users", "tenants", "memberships", "audit_logs"]) {
      expect(await tableExists(fresh.db, table)).toBe(true);
    }
  });

  it("applies nothing on a second run", async () => {
    await migrate(fresh.db, readMigrations());
    const before = await rows(fresh.db);
    const again = await migrate(fresh.db, readMigrations());
    expect(again).toEqual({ applied: [], alreadyApplied: onDisk.length, modified: [] });
    expect(await rows(fresh.db)).toEqual(before);
  });

  it("applies only the new migration when one is added later", async () => {
    await migrate(fresh.db, readMigrations());
    const dir = copyMigrations();
    addMigration(dir, "99990101000000_add_probe", `CREATE TABLE "probe" ("id" TEXT PRIMARY KEY);`);
    const result = await migrate(fresh.db, readMigrations(dir));
    expect(result).toEqual({ applied: ["99990101000000_add_probe"], alreadyApplied: onDisk.length, modified: [] });
    expect(await tableExists(fresh.db, "probe")).toBe(true);
    const last = (await rows(fresh.db)).at(-1)!;
    expect(last.migration_name).toBe("99990101000000_add_probe");
    expect(last.checksum).toBe(
      createHash("sha256").update(`CREATE TABLE "probe" ("id" TEXT PRIMARY KEY);`).digest("hex"),
    );
  });

  it("reports an applied migration whose file changed since, without re-running it", async () => {
    await migrate(fresh.db, readMigrations());
    const dir = copyMigrations();
    const first = path.join(dir, at(onDisk, 0).name, "migration.sql");
    writeFileSync(first, readFileSync(first, "utf8") + "\n-- edited after it was applied\n");
    const result = await migrate(fresh.db, readMigrations(dir));
    expect(result.modified).toEqual([at(onDisk, 0).name]);
    expect(result.applied).toEqual([]);
    expect(result.alreadyApplied).toBe(onDisk.length);
    // The record keeps the checksum of what was actually applied.
    expect(at(await rows(fresh.db), 0).checksum).toBe(at(onDisk, 0).checksum);
  });

  it("records a failing migration with its error, rolls its statements back and blocks later runs", async () => {
    await migrate(fresh.db, readMigrations());
    const dir = copyMigrations();
    addMigration(
      dir,
      "99990101000000_broken",
      `CREATE TABLE "half_done" ("id" TEXT PRIMARY KEY);\nSELECT * FROM "no_such_table";\n`,
    );
    addMigration(dir, "99990102000000_after", `CREATE TABLE "after_broken" ("id" TEXT PRIMARY KEY);`);

    await expect(migrate(fresh.db, readMigrations(dir))).rejects.toThrow(
      /migration 99990101000000_broken failed: .*no_such_table/,
    );

    const broken = (await rows(fresh.db)).find((r) => r.migration_name === "99990101000000_broken");
    expect(broken).toBeDefined();
    expect(broken!.finished_at).toBeNull();
    expect(broken!.rolled_back_at).toBeNull();
    expect(broken!.applied_steps_count).toBe(0);
    expect(broken!.logs).toMatch(/no_such_table/);
    // Its first statement was rolled back with it, and the migration after it never ran.
    expect(await tableExists(fresh.db, "half_done")).toBe(false);
    expect(await tableExists(fresh.db, "after_broken")).toBe(false);
    expect((await rows(fresh.db)).some((r) => r.migration_name === "99990102000000_after")).toBe(false);

    // Every later run refuses until someone resolves it, even once the file is fixed.
    writeFileSync(path.join(dir, "99990101000000_broken", "migration.sql"), `SELECT 1;`);
    await expect(migrate(fresh.db, readMigrations(dir))).rejects.toThrow(
      /99990101000000_broken failed earlier and was not rolled back/,
    );
    await expect(migrate(fresh.db, readMigrations())).rejects.toThrow(/failed earlier/);
    expect(await tableExists(fresh.db, "after_broken")).toBe(false);

    // Marking it rolled back (what `prisma migrate resolve --rolled-back` does) unblocks the runner.
    await fresh.db.query(
      `UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '99990101000000_broken'`,
    );
    const resumed = await migrate(fresh.db, readMigrations(dir));
    expect(resumed.applied).toEqual(["99990101000000_broken", "99990102000000_after"]);
    expect(await tableExists(fresh.db, "after_broken")).toBe(true);
  });

  it("releases its advisory lock, even after a failure", async () => {
    const dir = copyMigrations();
    addMigration(dir, "99990101000000_broken", `SELECT * FROM "no_such_table";`);
    await expect(migrate(fresh.db, readMigrations(dir))).rejects.toThrow(/failed/);
    const held = await fresh.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()`,
    );
    expect(at(held, 0).n).toBe(0);
  });
});
