// npm run db:migrate
// Applies prisma/migrations to the PostgreSQL database at DATABASE_URL with Tessera's own
// runner (lib/db/migrate.ts), recording each one in _prisma_migrations as Prisma Migrate does.
// The embedded database (PGlite) needs no command: it is migrated at boot.
import "./lib/dotenv";

import { allowServerOnly } from "./lib/server-only";

allowServerOnly();
const [{ postgresExecutor }, { migrate, readMigrations }, { env }] = await Promise.all([
  import("../lib/db/executors"),
  import("../lib/db/migrate"),
  import("../lib/env"),
]);

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(unparseable URL)";
  }
}

async function main(): Promise<number> {
  if (!env.DATABASE_URL) {
    console.error(
      "db:migrate: DATABASE_URL is not set.\n" +
        "  Set it to a PostgreSQL URL (e.g. postgresql://postgres@127.0.0.1:5432/tessera) in the environment or .env.\n" +
        "  Without it Tessera uses the embedded database, which migrates itself at boot.",
    );
    return 1;
  }
  const migrations = readMigrations();
  console.log(`db:migrate: ${migrations.length} migration(s) in prisma/migrations → ${redact(env.DATABASE_URL)}`);
  const executor = await postgresExecutor(env.DATABASE_URL);
  try {
    const result = await migrate(executor, migrations);
    for (const name of result.applied) console.log(`  applied   ${name}`);
    for (const name of result.modified) {
      console.warn(`  MODIFIED  ${name} (its file changed after it was applied; write a new migration instead)`);
    }
    console.log(
      `db:migrate: ${result.applied.length} applied, ${result.alreadyApplied} already applied, ${result.modified.length} modified`,
    );
    return 0;
  } finally {
    await executor.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
