// A database of the test file's own, for tests that assert platform-wide aggregates (the shared
// run database holds other files' rows): a fresh PostgreSQL database from DATABASE_URL, migrated
// and dropped afterwards, or an in-memory PGlite without it.
import { randomBytes } from "node:crypto";

import pg from "pg";

import { createPgliteClient, createPostgresClient, setDb } from "@/lib/db/client";
import type { PrismaClient } from "@/lib/db/generated/client";
import { pgliteExecutor, postgresExecutor } from "@/lib/db/executors";
import { migrate, readMigrations } from "@/lib/db/migrate";

export interface IsolatedDb {
  db: PrismaClient;
  /** The database's URL on PostgreSQL (for further connections); undefined on PGlite. */
  url?: string;
  close(): Promise<void>;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export async function openIsolatedDb(): Promise<IsolatedDb> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const handle = await createPgliteClient();
    await migrate(pgliteExecutor(handle.pglite!), readMigrations());
    setDb(handle);
    return {
      db: handle.client,
      close: async () => {
        await handle.client.$disconnect();
        await handle.pglite!.close();
      },
    };
  }
  const name = `tessera_iso_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = withDatabase(base, name);
  const executor = await postgresExecutor(url);
  await migrate(executor, readMigrations());
  await executor.close();
  const handle = createPostgresClient(url);
  setDb(handle);
  return {
    db: handle.client,
    url,
    close: async () => {
      await handle.client.$disconnect();
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}
