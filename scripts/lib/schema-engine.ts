// Prisma's schema engine, offline: the published WASM build driven through a PGlite driver
// adapter. It does what `prisma migrate diff` does, with no binary download and no server.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

import { PGlite } from "@electric-sql/pglite";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { DiffTarget, SchemaEngine } from "@prisma/schema-engine-wasm";
import { PrismaPGlite } from "pglite-prisma-adapter";

const root = path.resolve(import.meta.dirname, "../..");
export const schemaPath = path.join(root, "prisma/schema.prisma");
export const migrationsDir = path.join(root, "prisma/migrations");

let wasmReady: Promise<void> | undefined;
function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const file = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg").replace(/\.js$/, ".wasm");
    const { instance } = await WebAssembly.instantiate(readFileSync(file), {
      "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports,
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return wasmReady;
}

export function listMigrations(): { name: string; sql: string }[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => ({ name, sql: readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8") }));
}

function schemaFiles(content = readFileSync(schemaPath, "utf8")) {
  return [{ path: schemaPath, content }];
}

const noFilter = { externalTables: [], externalEnums: [] };

export interface DiffOptions {
  /** The schema text to compare with (default: prisma/schema.prisma). */
  schema?: string;
  /** The migrations to apply first (default: every migration in prisma/migrations). */
  migrations?: { name: string; sql: string }[];
}

/**
 * Applies every existing migration to a fresh in-memory PGlite, then diffs that database
 * against schema.prisma. `sql` is the next migration; `drift` is true when it is non-empty.
 * Tests pass `options` to prove that a schema or a migration that disagree is reported.
 */
export async function diffMigrationsAgainstSchema(options: DiffOptions = {}): Promise<{ sql: string; drift: boolean }> {
  await loadWasm();
  const files = schemaFiles(options.schema);
  const pglite = new PGlite();
  try {
    for (const migration of options.migrations ?? listMigrations()) await pglite.exec(migration.sql);
    const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(pglite));
    const engine: SchemaEngine = await bg.SchemaEngine.new(
      { datamodels: files.map((f) => [f.path, f.content]) },
      () => {},
      adapter,
    );
    try {
      const from: DiffTarget = { tag: "schemaDatasource", files, configDir: root };
      const to: DiffTarget = { tag: "schemaDatamodel", files };
      const result = await engine.diff({ from, to, script: true, exitCode: true, filters: noFilter });
      const sql = (result.stdout ?? "").trim();
      const empty = sql === "" || /^-- This is an empty migration\.?$/.test(sql);
      return { sql: empty ? "" : sql + "\n", drift: result.exitCode === 2 && !empty };
    } finally {
      engine.free();
    }
  } finally {
    await pglite.close();
  }
}
