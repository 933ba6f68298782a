// schema.prisma and prisma/migrations describe the same database: the migrations, applied to
// an empty PGlite, diffed against the schema by Prisma's own (WASM) schema engine, leave
// nothing to migrate. The negative checks prove the comparison can fail.
import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { diffMigrationsAgainstSchema, listMigrations, schemaPath } from "@/scripts/lib/schema-engine";

const ENGINE_TIMEOUT = 120_000;

describe("schema.prisma vs prisma/migrations", () => {
  it(
    "agree: applying every migration leaves nothing for the next one (no drift)",
    async () => {
      const { sql, drift } = await diffMigrationsAgainstSchema();
      // On failure, `sql` is the migration that is missing: run `npm run db:migration -- <name>`.
      expect(sql).toBe("");
      expect(drift).toBe(false);
    },
    ENGINE_TIMEOUT,
  );

  it(
    "reports drift when the schema has a model no migration creates",
    async () => {
      const schema = `${readFileSync(schemaPath, "utf8")}\nmodel DriftProbe {\n  id    String @id\n  label String\n\n  @@map("drift_probes")\n}\n`;
      const { sql, drift } = await diffMigrationsAgainstSchema({ schema });
      expect(drift).toBe(true);
      expect(sql).toMatch(/CREATE TABLE "drift_probes"/);
      expect(sql).toMatch(/"label" TEXT NOT NULL/);
    },
    ENGINE_TIMEOUT,
  );

  it(
    "reports drift when a migration changes the database behind the schema's back",
    async () => {
      const migrations = [
        ...listMigrations(),
        { name: "99990101000000_sneaky", sql: `ALTER TABLE "tenants" ADD COLUMN "sneaky" TEXT;` },
      ];
      const { sql, drift } = await diffMigrationsAgainstSchema({ migrations });
      expect(drift).toBe(true);
      expect(sql).toMatch(/ALTER TABLE "tenants" DROP COLUMN "sneaky"/);
    },
    ENGINE_TIMEOUT,
  );
});
