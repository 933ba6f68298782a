// `prisma generate` offline: Prisma 7 tries to download its schema-engine binary even though
// generation does not use it. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file stops
// that (docs/architecture.md, "Data conventions"). Migrations are made by scripts/db-migration.ts instead.
//
// Plain JavaScript on purpose (every other script is TypeScript run by tsx; docs/decisions.md):
// it is the postinstall hook, which runs inside `npm ci`/`npm install` — also with --omit=dev,
// where tsx (a dev dependency) is not installed — so it needs nothing but Node.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
env.PRISMA_HIDE_UPDATE_MESSAGE ??= "1";
const result = spawnSync("prisma", ["generate", ...process.argv.slice(2)], {
  stdio: "inherit",
  env,
  shell: process.platform === "win32",
});
process.exit(result.status ?? 1);
