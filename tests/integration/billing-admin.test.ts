// The operator's billing operations, through their server actions as Next.js would call them:
// only operators may act (anyone else changes nothing), replaying and retrying webhook events, the
// one-off invoice (validation, the local path, a double submit), and the payout form's parsing.
import { describe, expect, it, vi } from "vitest";

import type { Env } from "@/lib/env";
import type { SessionUser } from "@/lib/tenancy/context";
import { at } from "../helpers/indexed";

const settings = vi.hoisted(() => ({ env: undefined as unknown as Env }));
vi.mock("@/lib/env", async (importOriginal) => {
  // The local provider path: no Stripe, no PayPal, whatever the machine's environment says.
  const s = await import("../helpers/settings");
  return s.withSettings(importOriginal, settings, { ...s.NO_PAYMENT_PROVIDERS });
});
const current = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/http/session", () => ({ getCurrentUser: async () => current.user }));
// Operator actions revalidate /admin after a change; outside a Next.js request that is a no-op.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { replayWebhookAction, retryDueWebhooksAction } = await import("@/app/admin/billing/webhooks/actions");
const { createInvoiceAction } = await import("@/app/admin/billing/invoices/actions");
const { payoutAction } = await import("@/app/admin/billing/payouts/actions");
const { getWebhookEventForAdmin, lenientQuery, listAllInvoices, listWebhookEvents, webhookListSchema } =
  await import("@/lib/billing/admin");
const { payoutInputFromForm, payoutTotals } = await import("@/lib/billing/admin-payouts");
const { operatorFromUser } = await import("@/lib/http/operator");
const { parseMajorUnits } = await import("@/lib/billing/money-input");
const { receiveWebhook } = await import("@/lib/billing/webhooks/intake");
const { withTenant } = await import("@/lib/db/tenant");
const { tenantWithOwner } = await import("../helpers/api");
const { localDelivery, subscriptionState } = await import("../helpers/billing");
const { setupTestDb, uniq } = await import("../helpers/db");

const t = setupTestDb();
const IDLE = { status: "idle" } as const;

async function operator(): Promise<SessionUser> {
  const user = await t.db.user.create({ data: { email: `${uniq("op")}@example.test`, isPlatformAdmin: true } });
  return { id: user.id, email: user.email, name: null, isPlatformAdmin: true };
}

async function member(): Promise<SessionUser> {
  const ctx = await tenantWithOwner(t.db);
  return ctx.user;
}

/**
 * A delivery that fails because its tenant does not exist yet; returns the stored row and the id it
 * waits for. It is parked (no next attempt) so other files' retry runs on a shared database leave it be.
 */
async function failedDelivery() {
  const tenantId = uniq("later");
  const delivery = localDelivery(tenantId, [subscriptionState({ providerId: uniq("sub"), tier: "PROFESSIONAL" })]);
  expect(await receiveWebhook(delivery)).toBe("failed");
  const row = await t.db.webhookEvent.update({
    where: { provider_eventId: { provider: "LOCAL", eventId: delivery.eventId } },
    data: { nextAttemptAt: null },
  });
  return { row, tenantId };
}

/** A form nonce (16 to 64 letters, digits, - and _). */
function freshNonce(): string {
  return `nonce${uniq("n").replace(/[^A-Za-z0-9]/g, "")}`.padEnd(20, "0");
}

/** Creates the tenant a failed delivery was waiting for, with that exact id. */
async function createTenantWithId(id: string) {
  return t.db.tenant.create({ data: { id, name: `Later ${id}`, slug: id.toLowerCase().slice(0, 40) } });
}

function invoiceForm(tenantId: string, nonce: string, overrides: Record<string, string> = {}) {
  return {
    tenantId,
    currency: "usd",
    "lines.0.description": "Onboarding workshop",
    "lines.0.quantity": "2",
    "lines.0.unitPrice": "1,200.50",
    "lines.1.description": "Travel",
    "lines.1.quantity": "1",
    "lines.1.unitPrice": "0.29",
    daysUntilDue: "14",
    memo: "Thanks for the workshop",
    nonce,
    intent: "send",
    ...overrides,
  };
}

describe("operator-only actions", () => {
  it("refuses a signed-out caller and a non-operator, and changes nothing", async () => {
    const { row, tenantId } = await failedDelivery();
    await createTenantWithId(tenantId);
    const target = await tenantWithOwner(t.db);
    const nonce = freshNonce();
    // Unique to this test: other files share the database and pay a@example.test.
    const receiver = `${uniq("payee")}@example.test`;

    for (const user of [null, await member()]) {
      current.user = user;
      expect(await replayWebhookAction(IDLE, { eventId: row.id })).toMatchObject({ status: "error" });
      expect(await retryDueWebhooksAction(IDLE, {})).toMatchObject({ status: "error" });
      expect(await createInvoiceAction(IDLE, invoiceForm(target.tenant.id, nonce))).toMatchObject({ status: "error" });
      const payout = { "items.0.receiver": receiver, "items.0.amount": "10", "items.0.currency": "usd" };
      expect(await payoutAction(IDLE, { ...payout, intent: "send" })).toMatchObject({ status: "error" });
    }
    // A non-operator learns nothing: the answer is "not found", as for the console's pages.
    expect(await replayWebhookAction(IDLE, { eventId: row.id })).toMatchObject({ code: "not_found" });

    expect(await t.db.webhookEvent.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "FAILED",
      attempts: 1,
    });
    expect(await withTenant(target.tenant.id, (tx) => tx.invoice.count())).toBe(0);
    expect(await t.db.payoutItem.count({ where: { receiver } })).toBe(0);
  });
});

describe("webhook events", () => {
  it("replays a failed event that can now succeed, and leaves a processed one alone", async () => {
    current.user = await operator();
    const { row, tenantId } = await failedDelivery();
    const failed = await replayWebhookAction(IDLE, { eventId: row.id });
    expect(failed).toMatchObject({ status: "success", data: { outcome: "failed", status: "FAILED" } });
    expect(failed.status === "success" && failed.message).toMatch(/failed again.*No tenant/);

    await createTenantWithId(tenantId);
    const replayed = await replayWebhookAction(IDLE, { eventId: row.id });
    expect(replayed).toMatchObject({ status: "success", data: { outcome: "processed", status: "PROCESSED" } });
    const processed = await t.db.webhookEvent.findUniqueOrThrow({ where: { id: row.id } });
    expect(processed).toMatchObject({ status: "PROCESSED", tenantId, lastError: null, attempts: 3 });
    expect((await t.db.tenant.findUniqueOrThrow({ where: { id: tenantId } })).tier).toBe("PROFESSIONAL");

    const again = await replayWebhookAction(IDLE, { eventId: row.id });
    expect(again).toMatchObject({ status: "success", data: { outcome: "duplicate", status: "PROCESSED" } });
    expect(await t.db.webhookEvent.findUniqueOrThrow({ where: { id: row.id } })).toEqual(processed);
    expect(await withTenant(tenantId, (tx) => tx.subscriptionVersion.count())).toBe(1);

    expect(await replayWebhookAction(IDLE, { eventId: "no-such-event" })).toMatchObject({
      status: "error",
      code: "not_found",
    });
    expect(await replayWebhookAction(IDLE, {})).toMatchObject({
      status: "error",
      fieldErrors: { eventId: expect.any(Array) },
    });
  });

  it("retries due events now", async () => {
    current.user = await operator();
    const { row, tenantId } = await failedDelivery();
    await createTenantWithId(tenantId);
    // Due now (the back-off would wait a minute), and oldest, so it is within the retry's batch.
    await t.db.webhookEvent.update({
      where: { id: row.id },
      data: { nextAttemptAt: new Date(Date.now() - 1_000), providerCreatedAt: new Date("2020-01-01T00:00:00Z") },
    });
    const result = await retryDueWebhooksAction(IDLE, {});
    expect(result).toMatchObject({ status: "success" });
    expect(result.status === "success" && result.data?.processed).toBeGreaterThanOrEqual(1);
    expect(await t.db.webhookEvent.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ status: "PROCESSED" });
  });

  it("lists events failed first, filters them, and shows one with its payload", async () => {
    const { row } = await failedDelivery();
    const ops = operatorFromUser(await operator());
    const all = await listWebhookEvents(ops, { pageSize: 200 });
    const statuses = all.rows.map((r) => r.status);
    expect(statuses.slice(0, statuses.lastIndexOf("FAILED") + 1).every((s) => s === "FAILED")).toBe(true);
    expect(all.counts.FAILED).toBeGreaterThanOrEqual(1);

    const filtered = await listWebhookEvents(ops, { status: "FAILED", provider: "LOCAL", type: "SUBSCRIPTION.upd" });
    expect(filtered.rows.map((r) => r.id)).toContain(row.id);
    expect(filtered.rows.every((r) => r.status === "FAILED" && r.type === "subscription.updated")).toBe(true);
    expect((await listWebhookEvents(ops, { status: "PROCESSED", type: row.eventId })).total).toBe(0);

    // A hand-edited URL keeps its valid parameters and drops the rest.
    expect(lenientQuery(webhookListSchema, { status: "BOGUS", sort: "attempts", page: ["2", "3"], dir: "up" })).toEqual(
      {
        status: "",
        provider: "",
        type: "",
        sort: "attempts",
        dir: "desc",
        page: 2,
        pageSize: 25,
      },
    );

    const detail = await getWebhookEventForAdmin(ops, row.id);
    expect(detail.lastError).toMatch(/No tenant/);
    expect(JSON.parse(detail.payload)).toMatchObject({ events: [{ kind: "subscription", tier: "PROFESSIONAL" }] });
    expect(detail.payload).toContain('\n  "tenantId"');
  });
});

describe("one-off invoices", () => {
  it("refuses invalid input with field errors and writes nothing", async () => {
    current.user = await operator();
    const target = await tenantWithOwner(t.db);
    const before = await t.db.webhookEvent.count();
    const result = await createInvoiceAction(
      IDLE,
      invoiceForm(target.tenant.id, "short", {
        currency: "gbp",
        "lines.0.description": "",
        "lines.0.quantity": "0",
        "lines.0.unitPrice": "12.345",
        "lines.1.unitPrice": "abc",
        daysUntilDue: "120",
      }),
    );
    expect(result).toMatchObject({ status: "error", code: "validation_failed" });
    const errors = result.status === "error" ? (result.fieldErrors ?? {}) : {};
    expect(Object.keys(errors).sort()).toEqual(
      [
        "currency",
        "daysUntilDue",
        "lines.0.description",
        "lines.0.quantity",
        "lines.0.unitPrice",
        "lines.1.unitPrice",
        "nonce",
      ].sort(),
    );
    const unknownTenant = await createInvoiceAction(IDLE, invoiceForm("no-such-tenant", freshNonce()));
    expect(unknownTenant).toMatchObject({ status: "error", fieldErrors: { tenantId: ["Choose an existing tenant."] } });
    expect(await t.db.webhookEvent.count()).toBe(before);
    expect(await withTenant(target.tenant.id, (tx) => tx.invoice.count())).toBe(0);
  });

  it("reviews, then creates a local invoice once however often the same form is submitted", async () => {
    const op = await operator();
    current.user = op;
    const target = await tenantWithOwner(t.db);
    const nonce = freshNonce();

    const review = await createInvoiceAction(IDLE, invoiceForm(target.tenant.id, nonce, { intent: "review" }));
    expect(review).toMatchObject({
      status: "success",
      data: { stage: "review", review: { total: 240_129, provider: "LOCAL" } },
    });
    expect(await withTenant(target.tenant.id, (tx) => tx.invoice.count())).toBe(0);

    const [first, second] = await Promise.all([
      createInvoiceAction(IDLE, invoiceForm(target.tenant.id, nonce)),
      createInvoiceAction(IDLE, invoiceForm(target.tenant.id, nonce)),
    ]);
    expect(first).toMatchObject({ status: "success", data: { stage: "sent" } });
    expect(second).toMatchObject({ status: "success", data: { stage: "sent" } });
    const third = await createInvoiceAction(IDLE, invoiceForm(target.tenant.id, nonce));
    expect(third.status === "success" && third.message).toMatch(/already created/);

    const invoices = await withTenant(target.tenant.id, (tx) => tx.invoice.findMany());
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({
      provider: "LOCAL",
      status: "OPEN",
      currency: "usd",
      subtotal: 240_129,
      total: 240_129,
      amountPaid: 0,
      amountDue: 240_129,
      pdfUrl: null,
      lines: [
        { description: "Onboarding workshop", quantity: 2, unitAmount: 120_050, amount: 240_100 },
        { description: "Travel", quantity: 1, unitAmount: 29, amount: 29 },
      ],
    });
    expect(at(invoices, 0).number).toMatch(/^INV-\d{8}-[A-Z0-9]{8}$/);
    const due = at(invoices, 0).dueAt!.getTime() - at(invoices, 0).providerCreatedAt.getTime();
    expect(due).toBe(14 * 86_400_000);

    const audit = await withTenant(target.tenant.id, (tx) =>
      tx.auditLog.findMany({ where: { action: "billing.invoice_created" } }),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: op.id,
      targetType: "invoice",
      targetId: at(invoices, 0).id,
      after: { total: 240_129, currency: "usd", memo: "Thanks for the workshop", provider: "LOCAL" },
    });

    const ops = operatorFromUser(await operator());
    const listed = await listAllInvoices(ops, { tenant: target.tenant.id, status: "OPEN" });
    expect(listed.rows).toEqual([
      expect.objectContaining({ tenantName: target.tenant.name, number: at(invoices, 0).number, total: 240_129 }),
    ]);
    expect((await listAllInvoices(ops, { q: at(invoices, 0).number!.toLowerCase() })).total).toBe(1);
  });
});

describe("payout form", () => {
  it("converts major units exactly and totals per currency", () => {
    expect(parseMajorUnits("19.99", "usd")).toBe(1_999);
    expect(parseMajorUnits("0.29", "usd")).toBe(29);
    expect(parseMajorUnits("1,234.5", "eur")).toBe(123_450);
    expect(parseMajorUnits("1000", "jpy")).toBe(1_000);
    for (const bad of ["", "0", "-5", "1.999", "1e3", "12,34.5.6", "abc", "0.001"]) {
      expect(parseMajorUnits(bad, "usd"), bad).toBeNull();
    }
    const input = payoutInputFromForm({
      nonce: freshNonce(),
      note: "October partners",
      "items.0.receiver": "a@example.test",
      "items.0.amount": "0.1",
      "items.0.currency": "usd",
      "items.1.receiver": "b@example.test",
      "items.1.amount": "0.2",
      "items.1.currency": "usd",
      "items.1.tenantId": "",
      "items.2.receiver": "c@example.test",
      "items.2.amount": "5",
      "items.2.currency": "eur",
      "items.2.note": "Bonus",
    });
    expect(input.items.map((i) => i.amount)).toEqual([10, 20, 500]);
    expect(at(input.items, 1).tenantId).toBeUndefined();
    expect(payoutTotals(input)).toEqual([
      { currency: "eur", total: 500, items: 1 },
      { currency: "usd", total: 30, items: 2 },
    ]);
  });

  it("answers invalid rows with field errors keyed like the form, and sends nothing", async () => {
    current.user = await operator();
    const before = await t.db.payoutBatch.count();
    const result = await payoutAction(IDLE, {
      nonce: freshNonce(),
      "items.0.receiver": "not-an-email",
      "items.0.amount": "12.345",
      "items.0.currency": "usd",
      "items.1.receiver": "ok@example.test",
      "items.1.amount": "",
      "items.1.currency": "gbp",
      intent: "send",
    });
    expect(result).toMatchObject({ status: "error", code: "validation_failed" });
    expect(result.status === "error" && result.fieldErrors).toEqual({
      "items.0.receiver": ["Enter the receiver's PayPal email."],
      "items.0.amount": ["Enter an amount like 25 or 25.50."],
      "items.1.amount": ["Enter an amount."],
      "items.1.currency": [expect.any(String)],
    });
    expect(await payoutAction(IDLE, { intent: "review" })).toMatchObject({
      status: "error",
      fieldErrors: { items: ["Add at least one payee."] },
    });
    expect(await t.db.payoutBatch.count()).toBe(before);

    const review = await payoutAction(IDLE, {
      nonce: freshNonce(),
      "items.0.receiver": "ok@example.test",
      "items.0.amount": "19.99",
      "items.0.currency": "usd",
      intent: "review",
    });
    expect(review).toMatchObject({
      status: "success",
      data: { stage: "review", totals: [{ currency: "usd", total: 1_999 }] },
    });
    expect(await t.db.payoutBatch.count()).toBe(before);
    // Without the form's nonce nothing is sent either.
    const unkeyed = await payoutAction(IDLE, {
      "items.0.receiver": "ok@example.test",
      "items.0.amount": "19.99",
      "items.0.currency": "usd",
      intent: "send",
    });
    expect(unkeyed).toMatchObject({ status: "error", fieldErrors: { nonce: [expect.any(String)] } });
    expect(await t.db.payoutBatch.count()).toBe(before);
  });
});
