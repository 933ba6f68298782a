// Part of `npm run bench:api` (scripts/bench-api.ts): prepares the benchmark's database before the
// server starts — migrates the embedded one (PostgreSQL was migrated by `npm run db:migrate`) —
// and creates one ENTERPRISE workspace (a finite monthly quota, so the quota path runs) with an
// owner and a tenant:read API key. Prints {"tenantId","keyId","secret"} as its last stdout line.
// Reads DATABASE_URL or PGLITE_DATA_DIR through lib/env, as the server will.
import { randomBytes } from "node:crypto";

import { exitWith } from "./lib/run";
import { allowServerOnly } from "./lib/server-only";

// Domain modules import "server-only": map it before they load (imported dynamically below).
allowServerOnly();
const [
  { createApiKey },
  { openDb },
  { pgliteExecutor },
  { migrate, readMigrations },
  { buildTenantContext },
  { createTenant },
] = await Promise.all([
  import("../lib/api-keys/keys"),
  import("../lib/db/client"),
  import("../lib/db/executors"),
  import("../lib/db/migrate"),
  import("../lib/tenancy/context"),
  import("../lib/tenancy/tenants"),
]);

async function main(): Promise<number> {
  const handle = await openDb();
  try {
    if (handle.kind === "embedded" && handle.pglite) await migrate(pgliteExecutor(handle.pglite), readMigrations());
    const db = handle.client;
    const slug = `bench-${randomBytes(4).toString("hex")}`;
    const user = await db.user.create({ data: { email: `${slug}@bench.test`, name: "Bench Owner" } });
    const actor = { id: user.id, email: user.email };
    const tenant = await createTenant({ name: `Bench ${slug}`, slug }, actor, { tier: "ENTERPRISE", trialTier: null });
    const ctx = buildTenantContext({ ...actor, name: user.name, isPlatformAdmin: false }, tenant, "OWNER");
    const { key, secret } = await createApiKey(ctx, { name: "bench", scopes: ["tenant:read"] });
    console.log(JSON.stringify({ tenantId: tenant.id, keyId: key.id, secret }));
    return 0;
  } finally {
    await handle.client.$disconnect();
    await handle.pglite?.close();
  }
}

exitWith("bench setup", main);
