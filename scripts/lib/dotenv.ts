// Loads .env (if present) into the environment before lib/env.ts reads it. Import this first:
// ES modules evaluate in import order, so lib/env sees the file's values. Variables already set
// in the environment win over the file, as with Next.js and Prisma's config.
import { existsSync } from "node:fs";

if (existsSync(".env")) process.loadEnvFile(".env");
