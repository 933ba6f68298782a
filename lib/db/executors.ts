// Raw SQL executors for the migration runner, over node-postgres and PGlite.
import "server-only";

import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";

import type { SqlExecutor } from "./migrate";

export function pgliteExecutor(pglite: PGlite): SqlExecutor {
  return {
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await pglite.query<T>(sql, params)).rows,
  };
}

/** A single dedicated connection (advisory locks are per session). Call close() when done. */
export async function postgresExecutor(url: string): Promise<SqlExecutor & { close(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <T>(sql: string, params: unknown[] = []) => (await client.query(sql, params as unknown[])).rows as T[],
    close: () => client.end(),
  };
}
