// The authorised operator (lib/http/operator.ts). Only the boundary mints one, after checking the
// caller: requireOperator() sends signed-out visitors to sign in and answers 404 to everyone else
// who is not an operator. Every read across tenants refuses whatever is not a minted Operator — a
// user, an object shaped like an operator, a copy of a real one, nothing at all — before it reads.
import { beforeAll, describe, expect, it, vi } from "vitest";

import type { Operator } from "@/lib/http/operator";

const current = vi.hoisted(() => ({
  session: null as null | { user: { id: string }; authAt: number; sessionVersion: number },
}));
vi.mock("@/lib/auth", () => ({ auth: async () => current.session }));

const { listPlatformTenants, getPlatformTenant } = await import("@/lib/api/v1/platform-tenants");
const { listPlatformKeys } = await import("@/lib/api-keys/keys");
const admin = await import("@/lib/billing/admin");
const { listPayoutBatchesForAdmin } = await import("@/lib/billing/admin-payouts");
const { reviewOneOffInvoice } = await import("@/lib/billing/one-off-invoices");
const { listPayoutBatches } = await import("@/lib/billing/payouts");
const { listCustomerAnalytics } = await import("@/lib/billing/reports/customers");
const { paypalAnalytics } = await import("@/lib/billing/reports/paypal");
const { loadRevenueReport } = await import("@/lib/billing/reports/revenue");
const { isOperator, operatorFromPlatformKey, operatorFromUser } = await import("@/lib/http/operator");
const { requireOperator } = await import("@/lib/http/session");
const { adminGetTenant, adminListTenants, adminTenantCounts } = await import("@/lib/lifecycle/tenants");
const { tenantWithOwner } = await import("../helpers/api");
const { setupTestDb, uniq } = await import("../helpers/db");

const t = setupTestDb();

let operatorUser: { id: string; email: string; name: string | null; isPlatformAdmin: boolean };
let memberUser: typeof operatorUser;
let tenantId: string;
let webhookId: string;

beforeAll(async () => {
  const op = await t.db.user.create({ data: { email: `${uniq("op")}@example.test`, isPlatformAdmin: true } });
  operatorUser = { id: op.id, email: op.email, name: null, isPlatformAdmin: true };
  const ctx = await tenantWithOwner(t.db);
  memberUser = ctx.user;
  tenantId = ctx.tenant.id;
  const event = await t.db.webhookEvent.create({
    data: {
      provider: "LOCAL",
      eventId: uniq("evt"),
      type: "subscription.updated",
      status: "PROCESSED",
      payload: {},
      tenantId,
      providerCreatedAt: new Date(),
    },
  });
  webhookId = event.id;
});

/** Every read across tenants, called with `operator`. */
function reads(operator: Operator): Record<string, () => Promise<unknown>> {
  return {
    adminListTenants: () => adminListTenants(operator, {}),
    adminGetTenant: () => adminGetTenant(operator, tenantId),
    adminTenantCounts: () => adminTenantCounts(operator),
    listWebhookEvents: () => admin.listWebhookEvents(operator, {}),
    getWebhookEventForAdmin: () => admin.getWebhookEventForAdmin(operator, webhookId),
    listAllInvoices: () => admin.listAllInvoices(operator, {}),
    listTenantOptions: () => admin.listTenantOptions(operator),
    tenantNames: () => admin.tenantNames(operator, [tenantId]),
    listPayoutBatchesForAdmin: () => listPayoutBatchesForAdmin(operator),
    listPayoutBatches: () => listPayoutBatches(operator),
    listCustomerAnalytics: () => listCustomerAnalytics(operator),
    loadRevenueReport: () => loadRevenueReport(operator),
    paypalAnalytics: () => paypalAnalytics(operator),
    listPlatformKeys: () => listPlatformKeys(operator),
    listPlatformTenants: () => listPlatformTenants(operator, { limit: 5 }),
    getPlatformTenant: () => getPlatformTenant(operator, tenantId),
    reviewOneOffInvoice: () =>
      reviewOneOffInvoice(operator, {
        tenantId,
        currency: "usd",
        lines: [{ description: "Workshop", quantity: "1", unitPrice: "10" }],
        nonce: "operator-test-nonce-0001",
      }),
  };
}

describe("minting an Operator", () => {
  it("needs a platform operator: anyone else gets 404", () => {
    expect(() => operatorFromUser(memberUser)).toThrow(expect.objectContaining({ code: "not_found" }));
    const operator = operatorFromUser(operatorUser);
    expect(isOperator(operator)).toBe(true);
    expect(operator).toMatchObject({ via: "session", id: operatorUser.id, email: operatorUser.email });
    expect(Object.isFrozen(operator)).toBe(true);
  });

  it("needs a platform key, not a workspace key", () => {
    const key = { kind: "PLATFORM", tenant: null, start: "tsk_plat_Abcd" };
    expect(operatorFromPlatformKey(key)).toMatchObject({
      via: "platform_key",
      id: null,
      email: "platform-key:tsk_plat_Abcd",
    });
    expect(() => operatorFromPlatformKey({ ...key, kind: "TENANT", tenant: { id: tenantId } })).toThrow(
      expect.objectContaining({ code: "forbidden" }),
    );
  });

  it("requireOperator sends signed-out visitors to sign in and answers 404 to non-operators", async () => {
    current.session = null;
    await expect(requireOperator()).rejects.toMatchObject({
      digest: expect.stringMatching(/^NEXT_REDIRECT;replace;\/sign-in\?callbackUrl=%2Fadmin;307;/),
    });
    current.session = { user: { id: memberUser.id }, authAt: Date.now(), sessionVersion: 0 };
    await expect(requireOperator()).rejects.toMatchObject({ digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
    current.session = { user: { id: operatorUser.id }, authAt: Date.now(), sessionVersion: 0 };
    const operator = await requireOperator();
    expect(isOperator(operator)).toBe(true);
    expect(operator.id).toBe(operatorUser.id);
  });
});

describe("reads across tenants", () => {
  it("answer a minted operator", async () => {
    for (const [name, read] of Object.entries(reads(operatorFromUser(operatorUser)))) {
      await expect(read(), name).resolves.toBeDefined();
    }
  });

  it("refuse a user, a look-alike, a copy of an operator and nothing, before reading", async () => {
    const real = operatorFromUser(operatorUser);
    const forgeries: [string, unknown][] = [
      ["an operator's user row", operatorUser],
      ["a look-alike", { via: "session", id: operatorUser.id, email: operatorUser.email }],
      ["a copy of a real operator", { ...real }],
      ["undefined", undefined],
      ["null", null],
    ];
    for (const [what, forged] of forgeries) {
      for (const [name, read] of Object.entries(reads(forged as Operator))) {
        await expect(read(), `${name} with ${what}`).rejects.toMatchObject({
          code: "not_found",
          message: "Not found",
        });
      }
    }
  });
});
