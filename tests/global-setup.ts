// With DATABASE_URL set (CI), every run gets its own fresh PostgreSQL database, migrated once,
// and drops it at the end; tests read its URL from TEST_DATABASE_URL. Without it, each test
// file migrates its own in-memory PGlite (tests/helpers/db.ts).
import { randomBytes } from "node:crypto";

import pg from "pg";
import type { TestProject } from "vitest/node";

import { postgresExecutor } from "../lib/db/executors";
import { migrate, readMigrations } from "../lib/db/migrate";

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export default async function setup(project: TestProject) {
  const base = process.env.DATABASE_URL;
  if (!base) return;
  const name = `tessera_test_${process.pid}_${randomBytes(3).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();

  const url = withDatabase(base, name);
  const executor = await postgresExecutor(url);
  await migrate(executor, readMigrations());
  await executor.close();
  project.provide("testDatabaseUrl", url);
  process.env.TEST_DATABASE_URL = url;

  return async () => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.end();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseUrl: string;
  }
}
