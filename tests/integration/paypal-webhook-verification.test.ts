// What the PayPal webhook route refuses, in both verification modes: a tampered body, a signature
// for another webhook, missing headers (400, nothing stored); a transmission outside the time
// window or replayed; unsigned deliveries before any outbound call; offline, a certificate URL
// that is not https on PayPal's host for the environment (refused before any fetch) and an
// expired certificate; in api mode, PayPal answering FAILURE (400) or being unreachable (503,
// PayPal delivers again). The route is 404 while PAYPAL_WEBHOOK_ID is unset. The certificate is
// fetched once and cached by URL without its query string, in a bounded cache.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import type { Env } from "@/lib/env";
import { at } from "../helpers/indexed";

const settings = vi.hoisted(() => ({ env: undefined as unknown as Env }));
vi.mock("@/lib/env", async (importOriginal) =>
  // Processed before the route answers, so each delivery's outcome is in its response
  // (the queue and its workers: tests/integration/webhook-queue.test.ts).
  (await import("../helpers/settings")).withSettings(importOriginal, settings, {
    STRIPE_SECRET_KEY: undefined,
    WEBHOOK_PROCESSING: "inline",
  }),
);

const route = await import("@/app/api/webhooks/paypal/route");
const { CERTIFICATE_CACHE_SIZE, cachedCertificateCount, checkCertificateUrl, setPaypalCertificateSource } =
  await import("@/lib/billing/paypal/verify");
const { syncPaypalCatalog } = await import("@/lib/billing/paypal/sync");
const fixtures = await import("../fixtures/fake-paypal");
const { tenantWithOwner } = await import("../helpers/api");
const { openTestDb, uniq } = await import("../helpers/db");

type Json = Record<string, unknown>;

let t: Awaited<ReturnType<typeof openTestDb>>;
let fake: Awaited<ReturnType<typeof fixtures.startFakePaypal>>;
let certs: Awaited<ReturnType<typeof fixtures.startCertServer>>;
const VALID_PATH = "/v1/notifications/certs/CERT-tessera-test";
const EXPIRED_PATH = "/v1/notifications/certs/CERT-tessera-expired";
/** Other valid certificate URLs (the same certificate under more names), to fill the cache. */
const ROTATED = Array.from({ length: 20 }, (_, i) => `/v1/notifications/certs/CERT-tessera-rotated-${i}`);

beforeAll(async () => {
  t = await openTestDb();
  fake = await fixtures.startFakePaypal();
  certs = await fixtures.startCertServer({
    [VALID_PATH]: fixtures.TEST_CERT_PEM,
    [EXPIRED_PATH]: fixtures.EXPIRED_CERT_PEM,
    ...Object.fromEntries(ROTATED.map((path) => [path, fixtures.TEST_CERT_PEM])),
  });
  setPaypalCertificateSource({ fetch: async (url) => (await fetch(`${certs.url}${url.pathname}`)).text() });
  Object.assign(settings.env, fixtures.paypalSettings(fake));
  await syncPaypalCatalog();
});
afterAll(async () => {
  setPaypalCertificateSource(null);
  await certs.close();
  await fake.close();
  await t.close();
});
beforeEach(() => {
  Object.assign(settings.env, fixtures.paypalSettings(fake));
});

async function subscriptionEvent(): Promise<Json> {
  const ctx = await tenantWithOwner(t.db);
  const plan = [...fake.plans.values()].find((p) => p.name === "tessera_starter_month_usd");
  return fixtures.webhookEvent(
    "BILLING.SUBSCRIPTION.ACTIVATED",
    fixtures.subscriptionResource({
      id: `I-${uniq().toUpperCase()}`,
      planId: String(plan?.id),
      customId: ctx.tenant.id,
      status: "ACTIVE",
      time: "2026-04-01T00:00:00.000Z",
    }),
  );
}

const stored = (event: Json) => t.db.webhookEvent.count({ where: { provider: "PAYPAL", eventId: String(event.id) } });
const deliver = (event: Json, o: Parameters<typeof fixtures.deliverWebhook>[2] = {}) =>
  fixtures.deliverWebhook(route.POST, event, o);

describe.each(["api", "offline"] as const)("%s verification refuses what PayPal did not send", (mode) => {
  beforeEach(() => {
    settings.env.PAYPAL_WEBHOOK_VERIFICATION = mode;
  });

  it("accepts the genuine delivery", async () => {
    const event = await subscriptionEvent();
    const res = await deliver(event);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ received: true, id: event.id, outcome: "processed" });
    expect(await stored(event)).toBe(1);
  });

  it("refuses a tampered body, a signature for another webhook and missing headers, storing nothing", async () => {
    const event = await subscriptionEvent();
    const attempts: Parameters<typeof fixtures.deliverWebhook>[2][] = [
      { tamper: (raw: string) => raw.replace('"status":"ACTIVE"', '"status":"CANCELLED"') },
      { tamper: (raw: string) => `${raw} ` },
      { webhookId: "WH-SOMEONE-ELSE" },
      { headers: { "paypal-transmission-sig": null } },
      { headers: { "paypal-transmission-id": "another-transmission" } },
      { headers: { "paypal-cert-url": null } },
      { headers: { "paypal-auth-algo": "SHA1withDSA" } },
    ];
    for (const attempt of attempts) {
      const res = await deliver(event, attempt);
      expect(res.status, JSON.stringify(attempt?.headers ?? attempt?.webhookId ?? "tampered")).toBe(400);
      expect(res.json.error.code).toBe("bad_request");
    }
    expect(await stored(event)).toBe(0);
  });

  it("refuses a transmission outside the time window, before any outbound call", async () => {
    const event = await subscriptionEvent();
    const outbound = () => fake.server.requests.length + certs.hits.filter((path) => path !== VALID_PATH).length;
    const before = outbound();
    for (const minutes of [-10, 10, -60 * 24]) {
      const time = new Date(Date.now() + minutes * 60_000).toISOString();
      const res = await deliver(event, { time });
      expect(res.status, String(minutes)).toBe(400);
      expect(res.json.error.message).toMatch(/window/);
    }
    expect(outbound()).toBe(before);
    expect(await stored(event)).toBe(0);
  });

  it("refuses a replayed transmission", async () => {
    const event = await subscriptionEvent();
    const transmissionId = `replay-${uniq()}`;
    const time = new Date().toISOString();
    expect((await deliver(event, { transmissionId, time })).status).toBe(200);
    const replay = await deliver(event, { transmissionId, time });
    expect(replay.status).toBe(400);
    expect(replay.json.error.message).toMatch(/already delivered/);
  });

  it("refuses unsigned deliveries before any outbound call", async () => {
    const event = await subscriptionEvent();
    const before = { paypal: fake.server.requests.length, certs: certs.hits.length };
    for (const headers of [
      { "paypal-transmission-sig": null },
      { "paypal-transmission-sig": "" },
      { "paypal-transmission-sig": "c2lnbmVk" },
      { "paypal-auth-algo": "none" },
      { "paypal-cert-url": "https://evil.example.com/cert.pem" },
      { "paypal-transmission-time": "yesterday" },
    ] as Record<string, string | null>[]) {
      const res = await deliver(event, { headers });
      expect(res.status, JSON.stringify(headers)).toBe(400);
    }
    expect({ paypal: fake.server.requests.length, certs: certs.hits.length }).toEqual(before);
    expect(await stored(event)).toBe(0);
  });

  it("answers 404 while PayPal webhooks are not configured", async () => {
    settings.env.PAYPAL_WEBHOOK_ID = undefined;
    const event = await subscriptionEvent();
    expect((await deliver(event)).status).toBe(404);
    expect(await stored(event)).toBe(0);
  });
});

describe("offline verification and PayPal's certificate", () => {
  beforeEach(() => {
    settings.env.PAYPAL_WEBHOOK_VERIFICATION = "offline";
  });

  it("refuses certificate URLs off PayPal's hosts before fetching anything", async () => {
    const event = await subscriptionEvent();
    const before = certs.hits.length;
    for (const certUrl of [
      `https://evil.example.com${VALID_PATH}`,
      `http://api.sandbox.paypal.com${VALID_PATH}`,
      `https://api.sandbox.paypal.com:8443${VALID_PATH}`,
      `https://api.sandbox.paypal.com.evil.example${VALID_PATH}`,
      `https://user:pw@api.paypal.com${VALID_PATH}`,
      "not a url",
    ]) {
      const res = await deliver(event, { certUrl });
      expect(res.status, certUrl).toBe(400);
    }
    expect(certs.hits.length).toBe(before);
    expect(await stored(event)).toBe(0);
    expect(checkCertificateUrl(`https://api.paypal.com${VALID_PATH}`).hostname).toBe("api.paypal.com");
  });

  it("refuses a signature made with an expired certificate", async () => {
    const event = await subscriptionEvent();
    const res = await deliver(event, { certUrl: `https://api.sandbox.paypal.com${EXPIRED_PATH}` });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/expired/);
    expect(await stored(event)).toBe(0);
  });

  it("downloads each certificate once, whatever query string its URL carries", async () => {
    for (const query of ["", "?a=1", "?a=2#x", "?cache=bust"]) {
      const res = await deliver(await subscriptionEvent(), { certUrl: `${fixtures.TEST_CERT_URL}${query}` });
      expect(res.status, query).toBe(200);
    }
    expect(certs.hits.filter((path) => path === VALID_PATH)).toHaveLength(1);
  });

  it("keeps a bounded number of certificates", async () => {
    for (const path of ROTATED) {
      const res = await deliver(await subscriptionEvent(), { certUrl: `https://api.sandbox.paypal.com${path}` });
      expect(res.status, path).toBe(200);
      expect(cachedCertificateCount()).toBeLessThanOrEqual(CERTIFICATE_CACHE_SIZE);
    }
    expect(cachedCertificateCount()).toBe(CERTIFICATE_CACHE_SIZE);
  });

  it("accepts PayPal's sandbox host only in sandbox mode", async () => {
    settings.env.PAYPAL_ENVIRONMENT = "live";
    const before = certs.hits.length;
    const res = await deliver(await subscriptionEvent(), { certUrl: `https://api.sandbox.paypal.com${ROTATED[0]}` });
    expect(res.status).toBe(400);
    expect(res.json.error.message).toMatch(/not served by PayPal/);
    expect(certs.hits.length).toBe(before);
    expect(() => checkCertificateUrl(fixtures.TEST_CERT_URL)).toThrow(/not served by PayPal/);
    expect(checkCertificateUrl(`https://api.paypal.com${VALID_PATH}?x=1`).toString()).toBe(
      `https://api.paypal.com${VALID_PATH}`,
    );
  });

  it("needs no PayPal API call to verify", async () => {
    const before = fake.server.calls("POST", "/v1/notifications/verify-webhook-signature").length;
    expect((await deliver(await subscriptionEvent())).status).toBe(200);
    expect(fake.server.calls("POST", "/v1/notifications/verify-webhook-signature")).toHaveLength(before);
  });
});

describe("api verification", () => {
  beforeEach(() => {
    settings.env.PAYPAL_WEBHOOK_VERIFICATION = "api";
  });

  it("sends PayPal the transmission, our webhook id and the event byte for byte", async () => {
    const event = await subscriptionEvent();
    expect((await deliver(event)).status).toBe(200);
    const request = at(
      fake.server.calls("POST", "/v1/notifications/verify-webhook-signature"),
      -1,
      "verification request",
    );
    expect(request.body).toMatchObject({
      auth_algo: "SHA256withRSA",
      cert_url: fixtures.TEST_CERT_URL,
      webhook_id: fixtures.PAYPAL_TEST_WEBHOOK_ID,
      webhook_event: event,
    });
    expect(request.raw.endsWith(`"webhook_event":${JSON.stringify(event)}}`)).toBe(true);
    expect(request.headers["paypal-request-id"]).toBeTruthy();
  });

  it("answers 503 when PayPal cannot verify right now, storing nothing", async () => {
    fake.outages.set("POST /v1/notifications/verify-webhook-signature", 503);
    try {
      const event = await subscriptionEvent();
      const res = await deliver(event);
      expect(res.status).toBe(503);
      expect(res.json.error.code).toBe("unavailable");
      expect(await stored(event)).toBe(0);
    } finally {
      fake.outages.clear();
    }
  });
});
