// A migrated database for a test file: the run's PostgreSQL database when DATABASE_URL is set,
// otherwise a fresh in-memory PGlite.
import { afterAll, beforeAll, inject } from "vitest";

import { createPgliteClient, createPostgresClient, setDb } from "@/lib/db/client";
import { pgliteExecutor } from "@/lib/db/executors";
import { migrate, readMigrations } from "@/lib/db/migrate";
import type { PrismaClient } from "@/lib/db/generated/client";

export interface TestDb {
  db: PrismaClient;
  kind: "postgres" | "embedded";
  close(): Promise<void>;
}

export async function openTestDb(): Promise<TestDb> {
  const url = inject("testDatabaseUrl");
  if (url) {
    const handle = createPostgresClient(url);
    setDb(handle);
    return { db: handle.client, kind: "postgres", close: () => handle.client.$disconnect() };
  }
  const handle = await createPgliteClient();
  await migrate(pgliteExecutor(handle.pglite!), readMigrations());
  setDb(handle);
  return {
    db: handle.client,
    kind: "embedded",
    close: async () => {
      await handle.client.$disconnect();
      await handle.pglite!.close();
    },
  };
}

/**
 * Opens the test database before the file's tests run and closes it after them. Call it at the top
 * level of a test file and read `.db` inside the tests (it is not open before beforeAll).
 */
export function setupTestDb(): { readonly db: PrismaClient } {
  let handle: TestDb | undefined;
  beforeAll(async () => {
    handle = await openTestDb();
  });
  afterAll(async () => {
    await handle?.close();
  });
  return {
    get db() {
      if (!handle) throw new Error("The test database is open only inside tests (setupTestDb).");
      return handle.db;
    },
  };
}

let counter = 0;
/** A unique suffix so rows of different tests never collide in the shared database. */
export function uniq(prefix = "t"): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}`;
}
