// Prisma CLI configuration. Prisma 7 does not read .env by itself, and `prisma generate`
// must work without a database, so the URL is optional here.
import { existsSync, readFileSync } from "node:fs";
import { defineConfig } from "prisma/config";

if (existsSync(".env")) {
  for (const line of readFileSync(".env", "utf8").split("\n")) {
    const [, name, value] = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line) ?? [];
    if (name !== undefined && value !== undefined && process.env[name] === undefined) {
      process.env[name] = value.replace(/^["']|["']$/g, "");
    }
  }
}

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx scripts/db-seed.ts" },
  ...(process.env.DATABASE_URL ? { datasource: { url: process.env.DATABASE_URL } } : {}),
});
