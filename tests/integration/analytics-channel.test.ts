// The acquisition channel the operator sets on a workspace (the tenant page's form): validated with
// field errors and nothing written, audited in the tenant's audit log with before and after, and
// counted end to end by per-channel CAC (a workspace's first payment under its channel, against the
// spend entered for that channel). The months are in 2016, which no other test file writes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { setAcquisitionSpend, setTenantAcquisitionChannel } from "@/lib/analytics/acquisition";
import { loadPlatformKpis } from "@/lib/analytics/kpis";
import { withTenant } from "@/lib/db/tenant";
import { isAppError } from "@/lib/errors";
import { listAuditEntries } from "@/lib/tenancy/audit";

import { openTestDb, uniq, type TestDb } from "../helpers/db";
import { testOperator } from "../helpers/operator";

let t: TestDb;
const operator = testOperator("channel-operator");
let tenantId = "";
const NOW = new Date("2016-04-20T12:00:00Z");

async function failureOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

beforeAll(async () => {
  t = await openTestDb();
  const tenant = await t.db.tenant.create({
    data: { name: "Channel Co", slug: uniq("channel-co"), createdAt: new Date("2016-03-02T10:00:00Z") },
  });
  tenantId = tenant.id;
  await t.db.subscription.create({
    data: {
      tenantId,
      id: `${tenantId}-s`,
      provider: "LOCAL",
      providerId: uniq("channel_sub"),
      tier: "STARTER",
      interval: "MONTH",
      status: "ACTIVE",
      currency: "usd",
      unitAmount: 4000,
      providerCreatedAt: new Date("2016-03-05T10:00:00Z"),
      providerUpdatedAt: new Date("2016-03-05T10:00:00Z"),
    },
  });
  await t.db.subscriptionVersion.create({
    data: {
      tenantId,
      subscriptionId: `${tenantId}-s`,
      effectiveAt: new Date("2016-03-05T10:00:00Z"),
      tier: "STARTER",
      interval: "MONTH",
      status: "ACTIVE",
      currency: "usd",
      unitAmount: 4000,
      mrr: 4000,
    },
  });
  await setAcquisitionSpend(operator, { month: "2016-03", channel: "partner", currency: "usd", amount: "250" }, NOW);
}, 120_000);

afterAll(async () => {
  await t.close();
});

const channelOf = async () =>
  (await t.db.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { acquisitionChannel: true } }))
    .acquisitionChannel;

describe("setting a workspace's acquisition channel", () => {
  it("refuses a bad channel with a field error and writes nothing", async () => {
    for (const channel of ["no spaces", "-leading", "x".repeat(41), "émoji"]) {
      const error = await failureOf(setTenantAcquisitionChannel(operator, tenantId, { channel }));
      expect(error.code, channel).toBe("validation_failed");
      expect(Object.keys(error.details as Record<string, string[]>)).toEqual(["channel"]);
    }
    const missing = await failureOf(setTenantAcquisitionChannel(operator, tenantId, {}));
    expect(missing.code).toBe("validation_failed");
    expect(await channelOf()).toBeNull();
  });

  it("answers not found for an unknown workspace", async () => {
    const error = await failureOf(setTenantAcquisitionChannel(operator, "no-such-tenant", { channel: "ads" }));
    expect(error.code).toBe("not_found");
  });

  it("per-channel CAC counts the workspace once its channel is set, and the change is audited", async () => {
    const cac = async () =>
      (await loadPlatformKpis(operator, { from: "2016-03", to: "2016-03", now: NOW, tenantIds: [tenantId] }))
        .channelCac;
    expect(await cac()).toEqual([
      { month: "2016-03", channel: "partner", currency: "usd", spend: 25000, newCustomers: 0, cac: null },
    ]);

    const saved = await setTenantAcquisitionChannel(operator, tenantId, { channel: "  Partner " });
    expect(saved.channel).toBe("partner");
    expect(await channelOf()).toBe("partner");
    expect(await cac()).toEqual([
      { month: "2016-03", channel: "partner", currency: "usd", spend: 25000, newCustomers: 1, cac: 25000 },
    ]);

    // An empty channel clears it.
    await setTenantAcquisitionChannel(operator, tenantId, { channel: "" });
    expect(await channelOf()).toBeNull();

    const audit = await withTenant(tenantId, (tx) => listAuditEntries(tx, { limit: 10 }));
    const entries = audit.entries.filter((e) => e.action === "tenant.acquisition_channel_set");
    expect(entries).toHaveLength(2);
    expect(entries.map((e) => [e.before, e.after, e.actorEmail])).toEqual(
      expect.arrayContaining([
        [{ acquisitionChannel: "partner" }, { acquisitionChannel: null }, operator.email],
        [{ acquisitionChannel: null }, { acquisitionChannel: "partner" }, operator.email],
      ]),
    );
  });
});
