// The demo seed: every workspace gets API keys and usage history; Acme (FREE) sits in the 80%
// warning band of its monthly API quota; seeding twice adds nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { seed, DEMO_TENANTS } from "@/lib/db/seed";
import { getUsageSummary } from "@/lib/usage/summary";
import { buildTenantContext } from "@/lib/tenancy/context";

import { openTestDb, type TestDb } from "../helpers/db";

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => {
  await t.close();
});

describe("seed", () => {
  it("seeds API keys and usage that the usage summary reads, idempotently", async () => {
    // The shared test database may already hold the demo slugs from another file: seed is idempotent.
    await seed(t.db);
    const acme = await t.db.tenant.findUniqueOrThrow({ where: { slug: "acme" } });
    const owner = await t.db.user.findUniqueOrThrow({ where: { email: "olivia@acme.test" } });
    const keys = await t.db.apiKey.count({ where: { tenantId: acme.id } });
    const rollups = await t.db.usageRollup.count({ where: { tenantId: acme.id } });
    expect(keys).toBe(2);
    expect(rollups).toBeGreaterThan(100);

    const ctx = buildTenantContext({ ...owner, isPlatformAdmin: false }, acme, "OWNER");
    const summary = await getUsageSummary(ctx);
    const calls = summary.dimensions.find((d) => d.id === "api_calls")!;
    expect(calls.limit).toBe(1000);
    expect(calls.level).toBe("warning");
    expect(summary.byKey.map((k) => k.name).sort()).toEqual(["Production backend", "Reporting (read-only)"]);
    expect(summary.daily.at(-1)?.date).toBe(new Date().toISOString().slice(0, 10));

    await seed(t.db);
    expect(await t.db.apiKey.count({ where: { tenantId: acme.id } })).toBe(keys);
    expect(await t.db.usageRollup.count({ where: { tenantId: acme.id } })).toBe(rollups);
    expect(await t.db.tenant.count({ where: { slug: { in: DEMO_TENANTS.map((d) => d.slug) } } })).toBe(
      DEMO_TENANTS.length,
    );
  });
});
