// Tessera's migration runner. Applies prisma/migrations/<name>/migration.sql in order and records
// each one in _prisma_migrations exactly as Prisma Migrate does (sha256 checksum of the file,
// applied_steps_count 1), so `prisma migrate deploy` on a connected machine agrees with it.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface SqlExecutor {
  /** Runs a script of one or more statements. */
  exec(sql: string): Promise<void>;
  /** Runs one parameterised query. */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
  /** Applied migrations whose file has changed since (Prisma warns about these too). */
  modified: string[];
}

const MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** Prisma Migrate's advisory lock key, so our runner and `prisma migrate deploy` exclude each other. */
const ADVISORY_LOCK_KEY = 72707369;

export function defaultMigrationsDir(): string {
  return path.join(/* turbopackIgnore: true */ process.cwd(), "prisma", "migrations");
}

export function readMigrations(dir = defaultMigrationsDir()): Migration[] {
  if (!existsSync(dir)) throw new Error(`migrations folder not found: ${dir}`);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

export async function migrate(db: SqlExecutor, migrations: Migration[]): Promise<MigrateResult> {
  await db.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
  try {
    await db.exec(MIGRATIONS_TABLE);
    const rows = await db.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations"
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    const failed = await db.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NULL AND rolled_back_at IS NULL`,
    );
    const [firstFailed] = failed;
    if (firstFailed) {
      throw new Error(
        `migration ${firstFailed.migration_name} failed earlier and was not rolled back; fix the database, then mark it rolled back`,
      );
    }

    const result: MigrateResult = { applied: [], alreadyApplied: 0, modified: [] };
    for (const migration of migrations) {
      const checksum = done.get(migration.name);
      if (checksum !== undefined) {
        result.alreadyApplied += 1;
        if (checksum !== migration.checksum) result.modified.push(migration.name);
        continue;
      }
      const id = randomUUID();
      await db.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
         VALUES ($1, $2, $3, now(), 0)`,
        [id, migration.checksum, migration.name],
      );
      try {
        await db.exec(`BEGIN;\n${migration.sql}\n;COMMIT;`);
      } catch (error) {
        await db.exec("ROLLBACK").catch(() => {});
        const message = error instanceof Error ? error.message : String(error);
        await db.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, message]);
        throw new Error(`migration ${migration.name} failed: ${message}`);
      }
      await db.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [
        id,
      ]);
      result.applied.push(migration.name);
    }
    return result;
  } finally {
    await db.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]);
  }
}
