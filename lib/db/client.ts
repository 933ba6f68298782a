// The Prisma client factory: PostgreSQL through @prisma/adapter-pg when DATABASE_URL is set,
// otherwise PGlite (PostgreSQL in WASM) persisted under PGLITE_DATA_DIR. One instance per
// process, kept on globalThis so dev-mode reloads never open a second PGlite on one directory.
import "server-only";

import { PrismaPg } from "@prisma/adapter-pg";
import type { PGlite } from "@electric-sql/pglite";

import { env } from "../env";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;
export type DbKind = "postgres" | "embedded";

interface DbHandle {
  client: PrismaClient;
  kind: DbKind;
  pglite?: PGlite;
}

const globalForDb = globalThis as unknown as { __tesseraDb?: DbHandle };

/** PGlite with the pgvector extension loaded (knowledge search's embeddings; migrations create it). */
export async function createPgliteClient(dataDir?: string): Promise<DbHandle> {
  const [{ PGlite }, { PrismaPGlite }, { vector }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("pglite-prisma-adapter"),
    import("@electric-sql/pglite-pgvector"),
  ]);
  if (dataDir) {
    const { mkdirSync } = await import("node:fs");
    mkdirSync(dataDir, { recursive: true });
  }
  const pglite = new PGlite({ dataDir, extensions: { vector } });
  await pglite.waitReady;
  return { client: new PrismaClient({ adapter: new PrismaPGlite(pglite) }), kind: "embedded", pglite };
}

export function createPostgresClient(url: string): DbHandle {
  return { client: new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) }), kind: "postgres" };
}

let opening: Promise<DbHandle> | undefined;

/** Opens the process-wide database (once). */
export function openDb(): Promise<DbHandle> {
  if (globalForDb.__tesseraDb) return Promise.resolve(globalForDb.__tesseraDb);
  opening ??= (
    env.DATABASE_URL ? Promise.resolve(createPostgresClient(env.DATABASE_URL)) : createPgliteClient(env.PGLITE_DATA_DIR)
  ).then((handle) => (globalForDb.__tesseraDb = handle));
  return opening;
}

/** Replaces the process-wide database (tests and scripts). */
export function setDb(handle: DbHandle): void {
  globalForDb.__tesseraDb = handle;
}

/** The process-wide Prisma client. Boot (instrumentation.ts) opens it before requests arrive. */
export async function getDb(): Promise<PrismaClient> {
  return (await openDb()).client;
}

export function dbKind(): DbKind {
  return globalForDb.__tesseraDb?.kind ?? (env.DATABASE_URL ? "postgres" : "embedded");
}
