// Bounded input (issue 9, item 12): v1 JSON bodies, usage-event properties (count and size) and
// webhook deliveries have size limits; over a limit the answer is 413 with the JSON error body,
// nothing is written, and a webhook whose Content-Length is too large is refused before its body
// is read at all. And webhook bodies that are signed but not storable (issue 17's fuzz findings).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import type { Env } from "@/lib/env";

const settings = vi.hoisted(() => ({ env: undefined as unknown as Env, secret: "whsec_tessera_body_limits_secret" }));
vi.mock("@/lib/env", async (importOriginal) =>
  (await import("../helpers/settings")).withSettings(importOriginal, settings, {
    STRIPE_WEBHOOK_SECRET: settings.secret,
    STRIPE_SECRET_KEY: undefined,
  }),
);

const tenant = await import("@/app/api/v1/tenant/route");
const usageEvents = await import("@/app/api/v1/usage/events/route");
const stripeWebhook = await import("@/app/api/webhooks/stripe/route");
const { createApiKey } = await import("@/lib/api-keys/keys");
const { withTenant } = await import("@/lib/db/tenant");
const { BODY_LIMITS } = await import("@/lib/http/body");
const { MAX_EVENT_PROPERTIES, MAX_EVENT_PROPERTIES_BYTES } = await import("@/lib/usage/events");
const fx = await import("../fixtures/fake-stripe");
const { call, tenantWithOwner } = await import("../helpers/api");
const { openTestDb } = await import("../helpers/db");

type TenantContext = Awaited<ReturnType<typeof tenantWithOwner>>;

let t: Awaited<ReturnType<typeof openTestDb>>;
let ctx: TenantContext;
let key: string;

beforeAll(async () => {
  t = await openTestDb();
  ctx = await tenantWithOwner(t.db, "ENTERPRISE");
  key = (await createApiKey(ctx, { name: "writer", scopes: ["tenant:write", "usage:write", "usage:read"] })).secret;
});
afterAll(async () => {
  await t.close();
});

/** A body stream of `total` bytes in 64 KiB chunks that records how many bytes were pulled from it. */
function countingStream(total: number, fill = 0x20) {
  const state = { pulled: 0 };
  const chunk = new Uint8Array(64 * 1024).fill(fill);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= total) return controller.close();
      const part = chunk.subarray(0, Math.min(chunk.byteLength, total - state.pulled));
      state.pulled += part.byteLength;
      controller.enqueue(part);
    },
  });
  return { stream, state };
}

async function json413(response: Response) {
  expect(response.status).toBe(413);
  expect(response.headers.get("content-type")).toContain("application/json");
  const body = (await response.json()) as { error: { code: string; message: string; details?: object } };
  expect(body.error.code).toBe("payload_too_large");
  return body.error;
}

describe("v1 JSON bodies", () => {
  const patch = (init: RequestInit & { duplex?: "half" }) =>
    tenant.PATCH(
      new Request("http://localhost/api/v1/tenant", {
        method: "PATCH",
        ...init,
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...init.headers },
      }),
      { params: Promise.resolve({}) },
    );

  it("refuses a body whose Content-Length is over the limit without reading it", async () => {
    const { stream, state } = countingStream(BODY_LIMITS.apiJson + 10);
    const error = await json413(
      await patch({ body: stream, duplex: "half", headers: { "content-length": String(BODY_LIMITS.apiJson + 10) } }),
    );
    expect(error.details).toEqual({ limit_bytes: BODY_LIMITS.apiJson });
    expect(state.pulled).toBeLessThanOrEqual(64 * 1024);
  });

  it("refuses a streamed body as soon as it passes the limit", async () => {
    const { stream, state } = countingStream(8 * BODY_LIMITS.apiJson);
    await json413(await patch({ body: stream, duplex: "half" }));
    expect(state.pulled).toBeLessThan(2 * BODY_LIMITS.apiJson);
  });

  it("accepts a body up to the limit (padded JSON is still JSON)", async () => {
    const json = JSON.stringify({ name: "Padded Co" });
    const body = json + " ".repeat(BODY_LIMITS.apiJson - json.length);
    const res = await patch({ body });
    expect(res.status).toBe(200);
    expect((await res.json()).name).toBe("Padded Co");
  });

  it("refuses a body that is not UTF-8 with 400", async () => {
    const res = await patch({ body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("bad_request");
  });
});

describe("usage-event properties", () => {
  const record = (properties: Record<string, unknown>) =>
    call(usageEvents.POST, "POST", "/api/v1/usage/events", {
      key,
      body: { events: [{ id: `evt-${Math.random()}`, event_name: "api_requests", value: 1, properties }] },
    });
  const events = () => withTenant(ctx.tenant.id, (tx) => tx.usageEvent.count());

  it("accepts up to the count and size limits", async () => {
    const properties = Object.fromEntries(Array.from({ length: MAX_EVENT_PROPERTIES }, (_, i) => [`p${i}`, i]));
    expect((await record(properties)).status).toBe(200);
  });

  it("answers 413 over the number of properties, naming the event", async () => {
    const before = await events();
    const properties = Object.fromEntries(Array.from({ length: MAX_EVENT_PROPERTIES + 1 }, (_, i) => [`p${i}`, i]));
    const res = await record(properties);
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe("payload_too_large");
    expect(Object.keys(res.json.error.details)).toEqual(["events.0.properties"]);
    expect(await events()).toBe(before);
  });

  it("answers 413 over the size of the properties", async () => {
    const before = await events();
    const properties = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`p${i}`, "x".repeat(500)]));
    expect(Buffer.byteLength(JSON.stringify(properties))).toBeGreaterThan(MAX_EVENT_PROPERTIES_BYTES);
    const res = await record(properties);
    expect(res.status).toBe(413);
    expect(res.json.error.details["events.0.properties"][0]).toMatch(/bytes/);
    expect(await events()).toBe(before);
  });
});

describe("webhook deliveries", () => {
  const deliver = (init: RequestInit & { duplex?: "half" }) =>
    stripeWebhook.POST(
      new Request("http://localhost/api/webhooks/stripe", {
        method: "POST",
        ...init,
        headers: { "content-type": "application/json", "stripe-signature": "t=1,v1=00", ...init.headers },
      }),
    );
  const stored = () => t.db.webhookEvent.count();

  it("refuses a delivery whose Content-Length is over the limit before reading it", async () => {
    const before = await stored();
    const { stream, state } = countingStream(BODY_LIMITS.webhook * 4);
    const error = await json413(
      await deliver({ body: stream, duplex: "half", headers: { "content-length": String(BODY_LIMITS.webhook * 4) } }),
    );
    expect(error.details).toEqual({ limit_bytes: BODY_LIMITS.webhook });
    expect(state.pulled).toBeLessThanOrEqual(64 * 1024);
    expect(await stored()).toBe(before);
  });

  it("stops reading a delivery streamed without a length once it passes the limit", async () => {
    const { stream, state } = countingStream(BODY_LIMITS.webhook * 8);
    await json413(await deliver({ body: stream, duplex: "half" }));
    expect(state.pulled).toBeLessThan(BODY_LIMITS.webhook + 256 * 1024);
  });

  it("refuses a genuine-looking event with an impossible time or a body that is not an event, storing nothing", async () => {
    const before = await stored();
    for (const event of [
      fx.stripeEvent("customer.updated", { id: "cus_x", object: "customer" }, { created: 1e15 }),
      null,
      42,
    ]) {
      const res = await stripeWebhook.POST(fx.signedStripeRequest(event as never, settings.secret));
      expect(res.status, JSON.stringify(event)).toBe(400);
      expect((await res.json()).error.code).toBe("bad_request");
    }
    expect(await stored()).toBe(before);
  });

  it("stores a genuine event whose text PostgreSQL cannot hold, with U+FFFD in place of NUL and lone surrogates", async () => {
    const event = fx.stripeEvent("customer.updated", {
      id: fx.stripeId("cus"),
      object: "customer",
      name: "Nul\u0000 and \ud800 surrogate",
      metadata: { ["k\u0000"]: "v" },
    });
    const res = await stripeWebhook.POST(fx.signedStripeRequest(event, settings.secret));
    expect(res.status).toBe(200);
    const row = await t.db.webhookEvent.findFirstOrThrow({ where: { eventId: String(event.id) } });
    const customer = (row.payload as { data: { object: { name: string; metadata: Record<string, string> } } }).data
      .object;
    expect(customer.name).toBe("Nul\ufffd and \ufffd surrogate");
    expect(customer.metadata).toEqual({ "k\ufffd": "v" });
  });

  it("still reads a delivery under the limit (and refuses its bad signature with 400)", async () => {
    const res = await deliver({ body: JSON.stringify({ id: "evt_1", type: "invoice.paid" }) });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("bad_request");
  });
});
