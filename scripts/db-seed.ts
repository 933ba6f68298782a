// npm run db:seed [-- --if-empty]
// Seeds the configured database: PostgreSQL at DATABASE_URL (run `npm run db:migrate` first),
// or the embedded PGlite database under PGLITE_DATA_DIR, which is migrated here before seeding.
// Stop `npm run dev` first when seeding the embedded database: two processes must never open
// one PGlite data directory at once. With --if-empty it seeds only a database with no tenants yet
// (what the app does at boot for the embedded database).
import "./lib/dotenv";

import { exitWith } from "./lib/run";
import { allowServerOnly } from "./lib/server-only";

allowServerOnly();
const [{ openDb }, { pgliteExecutor }, { migrate, readMigrations }, { seed, seedIfEmpty }, { env }] = await Promise.all(
  [
    import("../lib/db/client"),
    import("../lib/db/executors"),
    import("../lib/db/migrate"),
    import("../lib/db/seed"),
    import("../lib/env"),
  ],
);

const ifEmpty = process.argv.includes("--if-empty");

async function main(): Promise<number> {
  const handle = await openDb();
  try {
    if (handle.kind === "embedded" && handle.pglite) {
      console.log(`db:seed: embedded database at ${env.PGLITE_DATA_DIR}`);
      const result = await migrate(pgliteExecutor(handle.pglite), readMigrations());
      if (result.applied.length > 0) console.log(`db:seed: applied ${result.applied.join(", ")}`);
    } else {
      console.log("db:seed: PostgreSQL at DATABASE_URL");
    }
    const started = performance.now();
    await (ifEmpty ? seedIfEmpty(handle.client) : seed(handle.client));
    console.log(`db:seed: done in ${Math.round(performance.now() - started)} ms`);
    return 0;
  } finally {
    await handle.client.$disconnect();
    await handle.pglite?.close();
  }
}

exitWith("db:seed", main);
