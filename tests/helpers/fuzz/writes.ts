// "No row written by a refused request": the fuzz suite runs on a database of its own (a fresh
// PostgreSQL database on CI, the file's own PGlite otherwise), where a trigger on every table
// notes each row inserted, updated or deleted. After each request the notes are taken (one
// statement); a refused request must have left none.
import { randomBytes } from "node:crypto";

import pg from "pg";
import { inject } from "vitest";

import { createPgliteClient, createPostgresClient, setDb } from "@/lib/db/client";
import { pgliteExecutor, postgresExecutor } from "@/lib/db/executors";
import type { PrismaClient } from "@/lib/db/generated/client";
import { migrate, readMigrations } from "@/lib/db/migrate";

/**
 * Tables left out of the check. API usage is counted for every authenticated call, refused or not,
 * and moved into usage_rollups/usage_flushes by the flush timer; tenant_storage is a running total
 * kept by triggers on tables that are checked themselves (it also moves when a key's lastUsedAt is
 * touched in the background).
 */
export const DERIVED_TABLES = ["usage_rollups", "usage_flushes", "tenant_storage"];

const INSTALL = (tables: string[]) => [
  "CREATE TABLE fuzz_writes (id bigserial PRIMARY KEY, tbl text NOT NULL, op text NOT NULL)",
  `CREATE FUNCTION fuzz_note_write() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
BEGIN
  -- A key's lastUsedAt is touched in the background after a call; it is not what the call wrote.
  IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'lastUsedAt') = (to_jsonb(OLD) - 'lastUsedAt') THEN
    RETURN NULL;
  END IF;
  INSERT INTO fuzz_writes (tbl, op) VALUES (TG_TABLE_NAME, TG_OP);
  RETURN NULL;
END $$`,
  ...tables.map(
    (table) =>
      `CREATE TRIGGER fuzz_note AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION fuzz_note_write()`,
  ),
];

export interface FuzzDb {
  db: PrismaClient;
  kind: "postgres" | "embedded";
  /** The rows written since the last call, as "table OP × n" lines. */
  takeWrites(): Promise<string[]>;
  close(): Promise<void>;
}

async function installTriggers(db: PrismaClient): Promise<void> {
  const rows = await db.$queryRawUnsafe<{ tablename: string }[]>(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  );
  const tables = rows.map((row) => row.tablename).filter((table) => !DERIVED_TABLES.includes(table));
  for (const statement of INSTALL(tables)) await db.$executeRawUnsafe(statement);
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Opens the fuzz suite's own migrated database (as the app's database) with the write log. */
export async function openFuzzDb(): Promise<FuzzDb> {
  const runUrl = inject("testDatabaseUrl");
  let db: PrismaClient;
  let kind: FuzzDb["kind"];
  let close: () => Promise<void>;
  if (runUrl) {
    const name = `tessera_fuzz_${process.pid}_${randomBytes(3).toString("hex")}`;
    const admin = new pg.Client({ connectionString: runUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = withDatabase(runUrl, name);
    const executor = await postgresExecutor(url);
    await migrate(executor, readMigrations());
    await executor.close();
    const handle = createPostgresClient(url);
    setDb(handle);
    db = handle.client;
    kind = "postgres";
    close = async () => {
      await handle.client.$disconnect();
      const drop = new pg.Client({ connectionString: runUrl });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await drop.end();
    };
  } else {
    const handle = await createPgliteClient();
    await migrate(pgliteExecutor(handle.pglite!), readMigrations());
    setDb(handle);
    db = handle.client;
    kind = "embedded";
    close = async () => {
      await handle.client.$disconnect();
      await handle.pglite!.close();
    };
  }
  await installTriggers(db);
  return {
    db,
    kind,
    async takeWrites() {
      const rows = await db.$queryRawUnsafe<{ tbl: string; op: string }[]>("DELETE FROM fuzz_writes RETURNING tbl, op");
      const counts = new Map<string, number>();
      for (const row of rows) counts.set(`${row.tbl} ${row.op}`, (counts.get(`${row.tbl} ${row.op}`) ?? 0) + 1);
      return [...counts].map(([what, n]) => `${what} × ${n}`);
    },
    close,
  };
}
