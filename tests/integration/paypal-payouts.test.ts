// Operator payouts: the batch and its items are stored first, then sent to PayPal with
// sender_batch_id = our batch id (also the PayPal-Request-Id) and decimal amounts; item statuses
// then follow PAYMENT.PAYOUTS-ITEM.* webhooks with newer-wins. A batch PayPal could not take is
// kept and sent again safely. Without PayPal, payouts are simulated and succeed at once.
import { randomUUID } from "node:crypto";

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { Env } from "@/lib/env";
import { at } from "../helpers/indexed";

const settings = vi.hoisted(() => ({ env: undefined as unknown as Env }));
vi.mock("@/lib/env", async (importOriginal) =>
  (await import("../helpers/settings")).withSettings(importOriginal, settings, { STRIPE_SECRET_KEY: undefined }),
);

const { createPayoutBatch, listPayoutBatches, sendPayoutBatch } = await import("@/lib/billing/payouts");
const { receiveWebhook } = await import("@/lib/billing/webhooks/intake");
const { operatorFromUser } = await import("@/lib/http/operator");
const fixtures = await import("../fixtures/fake-paypal");
const { tenantWithOwner } = await import("../helpers/api");
const { openTestDb, uniq } = await import("../helpers/db");

let t: Awaited<ReturnType<typeof openTestDb>>;
let fake: Awaited<ReturnType<typeof fixtures.startFakePaypal>>;
// Other files may create batches in the same database at the same time: this file's are its operator's.
const operator = { id: uniq("op"), email: "ops@example.test", name: "Ops", isPlatformAdmin: true };

beforeAll(async () => {
  t = await openTestDb();
  fake = await fixtures.startFakePaypal();
});
afterAll(async () => {
  await fake.close();
  await t.close();
});
beforeEach(() => {
  Object.assign(settings.env, fixtures.paypalSettings(fake));
});

function delivery(type: string, resource: Record<string, unknown>) {
  const event = fixtures.webhookEvent(type, resource);
  return { provider: "PAYPAL" as const, eventId: String(event.id), type, createdAt: new Date(), payload: event };
}

describe("payout batches", () => {
  it("stores the batch, sends it with our ids and decimal amounts, and follows item webhooks", async () => {
    const ctx = await tenantWithOwner(t.db);
    const { batchId } = await createPayoutBatch(operator, {
      nonce: randomUUID(),
      note: "November affiliates",
      items: [
        { receiver: "ada@example.test", amount: 1_234, currency: "usd", note: "Referral", tenantId: ctx.tenant.id },
        { receiver: "bob@example.test", amount: 5, currency: "usd" },
      ],
    });
    const batch = await t.db.payoutBatch.findUniqueOrThrow({
      where: { id: batchId },
      include: { items: { orderBy: { amount: "desc" } } },
    });
    expect(batch).toMatchObject({
      provider: "PAYPAL",
      senderBatchId: batchId,
      status: "PENDING",
      currency: "usd",
      total: BigInt(1_239),
      createdById: operator.id,
    });
    expect(batch.providerBatchId).toMatch(/^PAYOUTBATCH-/);

    const request = at(fake.server.calls("POST", "/v1/payments/payouts"), 0, "payout request");
    expect(request.headers["paypal-request-id"]).toBe(batchId);
    expect(request.body).toMatchObject({
      sender_batch_header: { sender_batch_id: batchId, email_message: "November affiliates" },
      items: [
        {
          receiver: "ada@example.test",
          sender_item_id: at(batch.items, 0).id,
          amount: { currency: "USD", value: "12.34" },
          note: "Referral",
        },
        {
          receiver: "bob@example.test",
          sender_item_id: at(batch.items, 1).id,
          amount: { currency: "USD", value: "0.05" },
        },
      ],
    });

    // SUCCEEDED at 10:00, then a HELD of 09:00 delivered late: the item stays paid.
    const [ada, bob] = [at(batch.items, 0), at(batch.items, 1)];
    const item = (status: string, time: string, senderItemId: string, payoutItemId: string) =>
      fixtures.payoutItemResource({ senderItemId, payoutItemId, batchId: String(batch.providerBatchId), status, time });
    expect(
      await receiveWebhook(
        delivery("PAYMENT.PAYOUTS-ITEM.SUCCEEDED", item("SUCCESS", "2026-05-01T10:00:00Z", ada.id, "PI-ADA")),
      ),
    ).toBe("processed");
    expect(
      await receiveWebhook(
        delivery("PAYMENT.PAYOUTS-ITEM.HELD", item("ONHOLD", "2026-05-01T09:00:00Z", ada.id, "PI-ADA")),
      ),
    ).toBe("processed");
    expect(
      await receiveWebhook(
        delivery("PAYMENT.PAYOUTS-ITEM.UNCLAIMED", item("UNCLAIMED", "2026-05-01T10:00:00Z", bob.id, "PI-BOB")),
      ),
    ).toBe("processed");
    const items = await t.db.payoutItem.findMany({ where: { batchId }, orderBy: { amount: "desc" } });
    expect(items.map((i) => [i.status, i.providerItemId])).toEqual([
      ["SUCCESS", "PI-ADA"],
      ["UNCLAIMED", "PI-BOB"],
    ]);
    // An item nobody knows fails and waits for a retry.
    expect(
      await receiveWebhook(
        delivery("PAYMENT.PAYOUTS-ITEM.SUCCEEDED", item("SUCCESS", "2026-05-01T10:00:00Z", "poi_unknown", "PI-X")),
      ),
    ).toBe("failed");
  });

  it("keeps a batch PayPal could not take and sends it again with the same ids", async () => {
    fake.outages.set("POST /v1/payments/payouts", 503);
    let batchId = "";
    try {
      await expect(
        createPayoutBatch(operator, {
          nonce: randomUUID(),
          items: [{ receiver: "cy@example.test", amount: 700, currency: "eur" }],
        }),
      ).rejects.toMatchObject({ code: "unavailable" });
      const stored = await t.db.payoutBatch.findFirstOrThrow({
        where: { createdById: operator.id, currency: "eur", total: BigInt(700) },
        orderBy: { createdAt: "desc" },
      });
      batchId = stored.id;
      expect(stored).toMatchObject({ status: "NOT_SENT", providerBatchId: null });
    } finally {
      fake.outages.clear();
    }
    const sent = await sendPayoutBatch(batchId);
    expect(sent.providerBatchId).toMatch(/^PAYOUTBATCH-/);
    const attempts = fake.server
      .calls("POST", "/v1/payments/payouts")
      .filter((r) => r.headers["paypal-request-id"] === batchId);
    expect(attempts).toHaveLength(2);
    expect(
      attempts.map(
        (r) => (r.body as { sender_batch_header: { sender_batch_id: string } }).sender_batch_header.sender_batch_id,
      ),
    ).toEqual([batchId, batchId]);
    // Sent already: sending again is a no-op.
    await sendPayoutBatch(batchId);
    expect(
      fake.server.calls("POST", "/v1/payments/payouts").filter((r) => r.headers["paypal-request-id"] === batchId),
    ).toHaveLength(2);
  });

  it("refuses mixed currencies, unknown workspaces and non-operators, storing nothing", async () => {
    const mine = { where: { createdById: operator.id } };
    const before = await t.db.payoutBatch.count(mine);
    await expect(
      createPayoutBatch(operator, {
        nonce: randomUUID(),
        items: [
          { receiver: "a@example.test", amount: 100, currency: "usd" },
          { receiver: "b@example.test", amount: 100, currency: "eur" },
        ],
      }),
    ).rejects.toMatchObject({ code: "validation_failed", details: { items: expect.any(Array) } });
    await expect(
      createPayoutBatch(operator, {
        nonce: randomUUID(),
        items: [{ receiver: "a@example.test", amount: 100, currency: "usd", tenantId: "no-such-tenant" }],
      }),
    ).rejects.toMatchObject({ code: "validation_failed", details: { "items.0.tenantId": ["No such workspace."] } });
    await expect(
      createPayoutBatch(
        { ...operator, isPlatformAdmin: false },
        { nonce: randomUUID(), items: [{ receiver: "a@example.test", amount: 100, currency: "usd" }] },
      ),
    ).rejects.toMatchObject({ code: "not_found" });
    await expect(createPayoutBatch(operator, { nonce: randomUUID(), items: [] })).rejects.toMatchObject({
      code: "validation_failed",
    });
    await expect(
      createPayoutBatch(operator, {
        nonce: "",
        items: [{ receiver: "a@example.test", amount: 100, currency: "usd" }],
      }),
    ).rejects.toMatchObject({ code: "validation_failed", details: { nonce: expect.any(Array) } });
    expect(await t.db.payoutBatch.count(mine)).toBe(before);
  });

  it("sends a double-submitted batch once, and refuses the same nonce for another batch", async () => {
    const nonce = randomUUID();
    const input = {
      nonce,
      note: "Twice",
      items: [
        { receiver: "dee@example.test", amount: 4_200, currency: "usd" as const },
        { receiver: "eve@example.test", amount: 800, currency: "usd" as const },
      ],
    };
    const results = await Promise.all([createPayoutBatch(operator, input), createPayoutBatch(operator, input)]);
    expect(results[0].batchId).toBe(results[1].batchId);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    const batchId = results[0].batchId;
    const sent = fake.server
      .calls("POST", "/v1/payments/payouts")
      .filter((r) => r.headers["paypal-request-id"] === batchId);
    expect(sent).toHaveLength(1);
    expect(await t.db.payoutBatch.count({ where: { id: batchId } })).toBe(1);
    expect(await t.db.payoutItem.count({ where: { batchId } })).toBe(2);
    // A third submit, later: still one batch, nothing sent.
    expect(await createPayoutBatch(operator, input)).toEqual({ batchId, created: false });
    expect(
      fake.server.calls("POST", "/v1/payments/payouts").filter((r) => r.headers["paypal-request-id"] === batchId),
    ).toHaveLength(1);
    await expect(
      createPayoutBatch(operator, {
        ...input,
        items: [{ receiver: "mallory@example.test", amount: 9_999, currency: "usd" }],
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await t.db.payoutItem.count({ where: { batchId } })).toBe(2);
  });

  it("sends a batch that never reached PayPal again when the same form is submitted again", async () => {
    const input = {
      nonce: randomUUID(),
      items: [{ receiver: "fay@example.test", amount: 650, currency: "usd" as const }],
    };
    fake.outages.set("POST /v1/payments/payouts", 503);
    try {
      await expect(createPayoutBatch(operator, input)).rejects.toMatchObject({ code: "unavailable" });
    } finally {
      fake.outages.clear();
    }
    const { batchId, created } = await createPayoutBatch(operator, input);
    expect(created).toBe(false);
    const batch = await t.db.payoutBatch.findUniqueOrThrow({ where: { id: batchId } });
    expect(batch.providerBatchId).toMatch(/^PAYOUTBATCH-/);
    expect(
      fake.server.calls("POST", "/v1/payments/payouts").filter((r) => r.headers["paypal-request-id"] === batchId),
    ).toHaveLength(2);
  });

  it("totals a batch beyond 32 bits of minor units exactly", async () => {
    const items = Array.from({ length: 100 }, (_, i) => ({
      receiver: `big${i}@example.test`,
      amount: 100_000_000,
      currency: "usd" as const,
    }));
    const { batchId } = await createPayoutBatch(operator, { nonce: randomUUID(), items });
    const stored = await t.db.payoutBatch.findUniqueOrThrow({ where: { id: batchId } });
    expect(stored.total).toBe(BigInt(10_000_000_000));
    const listed = (await listPayoutBatches(operatorFromUser(operator), { limit: 100 })).data.find(
      (b) => b.id === batchId,
    );
    expect(listed?.total).toBe(10_000_000_000);
  });

  it("refuses a simulated payout where a real payment provider is configured", async () => {
    settings.env.PAYPAL_CLIENT_ID = undefined;
    settings.env.PAYPAL_CLIENT_SECRET = undefined;
    settings.env.STRIPE_SECRET_KEY = "sk_test_payouts_real_provider";
    try {
      const nonce = randomUUID();
      await expect(
        createPayoutBatch(operator, { nonce, items: [{ receiver: "sim@example.test", amount: 100, currency: "usd" }] }),
      ).rejects.toMatchObject({ code: "bad_request" });
      const { payoutBatchIdOf } = await import("@/lib/billing/payouts");
      expect(await t.db.payoutBatch.count({ where: { id: payoutBatchIdOf(nonce) } })).toBe(0);
    } finally {
      settings.env.STRIPE_SECRET_KEY = undefined;
    }
  });

  it("simulates payouts without PayPal, and lists batches newest first with their items", async () => {
    settings.env.PAYPAL_CLIENT_ID = undefined;
    settings.env.PAYPAL_CLIENT_SECRET = undefined;
    const sentBefore = fake.server.calls("POST", "/v1/payments/payouts").length;
    const { batchId } = await createPayoutBatch(operator, {
      nonce: randomUUID(),
      items: [{ receiver: "local@example.test", amount: 300, currency: "usd" }],
    });
    expect(fake.server.calls("POST", "/v1/payments/payouts")).toHaveLength(sentBefore);
    const batch = await t.db.payoutBatch.findUniqueOrThrow({ where: { id: batchId }, include: { items: true } });
    expect(batch).toMatchObject({ provider: "LOCAL", status: "SUCCESS", providerBatchId: `local_${batchId}` });
    expect(batch.items.map((i) => i.status)).toEqual(["SUCCESS"]);

    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 20; page += 1) {
      const result = await listPayoutBatches(operatorFromUser(operator), { cursor, limit: 1 });
      seen.push(...result.data.map((b) => b.id));
      expect(result.data.every((b) => b.items.length > 0)).toBe(true);
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    const mine = await t.db.payoutBatch.findMany({
      where: { createdById: operator.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(mine.length).toBeGreaterThanOrEqual(3);
    expect(seen.filter((id) => mine.some((b) => b.id === id))).toEqual(mine.map((b) => b.id));
    expect(at(mine, 0).id).toBe(batchId);
  });
});
