// Part of `npm run bench:webhooks` (scripts/bench-webhooks.mjs starts it with a fresh, migrated
// PostgreSQL database and a generated STRIPE_WEBHOOK_SECRET). In this process it:
//  1. creates BENCH_TENANTS workspaces, each with a Stripe customer (BillingAccount.stripeCustomerId);
//  2. builds signed Stripe events for them, cycling customer.subscription.updated, invoice.paid and
//     payment_intent.succeeded (tests/fixtures/fake-stripe.ts builds the objects), a fresh event id
//     and a later `created` each;
//  3. hands each one, as a Request, to two handlers called in-process (no HTTP server, so no
//     bench-only route ships): B = the real POST of app/api/webhooks/stripe/route.ts (verify +
//     store + translate + ledger transaction + 2xx) and A = a handler that only reads the body and
//     verifies the signature (Stripe.webhooks.constructEvent), on the same payloads;
//  4. interleaves rounds (A B, B A, …) one event at a time (BENCH_CONCURRENCY > 1: that many in
//     flight), then checks every B answer said "processed" and the ledger holds each event once.
// Settings arrive as JSON in argv[2]; the database and secret through lib/env, as the server reads them.
import { randomBytes } from "node:crypto";
import { registerHooks } from "node:module";
import { loadavg, cpus } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

import { median, percentile } from "./lib/stats.mjs";

// Route modules import "server-only" (which throws outside React Server Components): map it to its
// empty twin, as Next.js does for server code.
const emptyModule = pathToFileURL(path.resolve("node_modules/server-only/empty.js")).href;
registerHooks({
  resolve: (specifier, context, next) =>
    specifier === "server-only" ? { url: emptyModule, shortCircuit: true } : next(specifier, context),
});

interface Settings {
  rounds: number;
  perRound: number;
  warmup: number;
  tenants: number;
  concurrency: number;
}

type Handler = (request: Request) => Promise<Response>;

interface Measured {
  rate: number;
  latencies: number[];
  outcomes: Map<string, number>;
}

const log = (message: string) => console.log(`[bench] ${message}`);

async function main(): Promise<number> {
  const settings = JSON.parse(process.argv[2] ?? "{}") as Settings;
  const Stripe = (await import("stripe")).default;
  const { env } = await import("../lib/env");
  const { openDb } = await import("../lib/db/client");
  const { createTenant } = await import("../lib/tenancy/tenants");
  const route = await import("../app/api/webhooks/stripe/route");
  const fake = await import("../tests/fixtures/fake-stripe");
  const { setStripeClient } = await import("../lib/billing/stripe/client");
  // invoice.paid reads the invoice's paying charge from Stripe: a local fake answers (an empty list).
  const stripeApi = await fake.startFakeStripe();
  setStripeClient(stripeApi.client);

  const secret = env.STRIPE_WEBHOOK_SECRET;
  if (!secret || !env.DATABASE_URL) throw new Error("STRIPE_WEBHOOK_SECRET and DATABASE_URL must be set.");
  const handle = await openDb();
  const db = handle.client;

  // 1. Workspaces with a Stripe customer and a subscription id each.
  const tenants: { id: string; customerId: string; subscriptionId: string }[] = [];
  for (let i = 0; i < settings.tenants; i += 1) {
    const slug = `bench-${randomBytes(4).toString("hex")}`;
    const user = await db.user.create({ data: { email: `${slug}@bench.test`, name: "Bench Owner" } });
    const tenant = await createTenant(
      { name: `Bench ${slug}`, slug },
      { id: user.id, email: user.email },
      { trialTier: null },
    );
    const customerId = fake.stripeId("cus");
    await db.billingAccount.create({ data: { tenantId: tenant.id, stripeCustomerId: customerId, email: user.email } });
    tenants.push({ id: tenant.id, customerId, subscriptionId: fake.stripeId("sub") });
  }

  // 2. Signed events; `created` moves one second per event so every state is newer than the last.
  const base = fake.unix("2026-06-01T00:00:00Z");
  let serial = 0;
  const lookupKeys = ["tessera_starter_month_usd", "tessera_professional_month_eur"] as const;
  function nextEvent(): { payload: string; type: string } {
    const i = serial++;
    const tenant = tenants[i % tenants.length];
    if (!tenant) throw new Error("No tenants to send events for");
    const created = base + i;
    const t = Math.floor(i / tenants.length);
    let event;
    if (i % 3 === 0) {
      const subscription = fake.subscriptionObject({
        id: tenant.subscriptionId,
        customer: tenant.customerId,
        tenantId: tenant.id,
        lookupKey: lookupKeys[tenants.indexOf(tenant) % 2 === 0 ? 0 : 1],
        created: base,
        periodStart: base + t * 86_400,
        cancelAtPeriodEnd: t % 2 === 1,
      });
      event = fake.stripeEvent("customer.subscription.updated", subscription, { created });
    } else if (i % 3 === 1) {
      const invoice = fake.invoiceObject({
        customer: tenant.customerId,
        tenantId: tenant.id,
        subscription: tenant.subscriptionId,
        created,
      });
      event = fake.stripeEvent("invoice.paid", invoice, { created });
    } else {
      const intent = fake.paymentIntentObject({
        customer: tenant.customerId,
        metadata: { tenant_id: tenant.id },
        created,
      });
      event = fake.stripeEvent("payment_intent.succeeded", intent, { created });
    }
    return { payload: JSON.stringify(event), type: String(event.type) };
  }
  const batch = (n: number) => Array.from({ length: n }, nextEvent);
  // Signed just before use: the signature's timestamp must be within Stripe's 5-minute tolerance.
  const sign = (payload: string) =>
    new Request("http://localhost/api/webhooks/stripe", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload, secret }),
      },
      body: payload,
    });

  // 3. The two handlers.
  const verifyOnly: Handler = async (request) => {
    const raw = await request.text();
    const event = Stripe.webhooks.constructEvent(raw, request.headers.get("stripe-signature") ?? "", secret);
    return Response.json({ received: true, id: event.id, outcome: "verified" });
  };
  const full: Handler = route.POST;

  async function measure(handler: Handler, payloads: { payload: string }[]): Promise<Measured> {
    const requests = payloads.map((p) => sign(p.payload));
    const latencies: number[] = [];
    const outcomes = new Map<string, number>();
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: Math.max(1, settings.concurrency) }, async () => {
        while (next < requests.length) {
          const request = requests[next++];
          if (!request) break;
          const t0 = performance.now();
          const response = await handler(request);
          const body = (await response.json()) as { outcome?: string };
          latencies.push(performance.now() - t0);
          const outcome = response.status === 200 ? (body.outcome ?? "?") : `HTTP ${response.status}`;
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
        }
      }),
    );
    return { rate: requests.length / ((performance.now() - started) / 1000), latencies, outcomes };
  }

  const machine = () =>
    `load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(" ")} on ${cpus().length} cores`;
  log(`${settings.tenants} tenants; ${machine()}`);
  log(`warm-up: ${settings.warmup} events through each handler`);
  const warm = batch(settings.warmup);
  await measure(verifyOnly, warm);
  const warmFull = await measure(full, warm);

  const runs = { verify: [] as Measured[], full: [] as Measured[] };
  log(`${settings.rounds} rounds × ${settings.perRound} events × 2 handlers, ${settings.concurrency} in flight`);
  for (let round = 0; round < settings.rounds; round += 1) {
    const payloads = batch(settings.perRound);
    const order = round % 2 === 0 ? (["verify", "full"] as const) : (["full", "verify"] as const);
    for (const name of order) {
      const result = await measure(name === "verify" ? verifyOnly : full, payloads);
      runs[name].push(result);
      const sorted = [...result.latencies].sort((a, b) => a - b);
      log(
        `round ${round + 1}/${settings.rounds} ${name === "verify" ? "A verify-only" : "B full handler"}`.padEnd(34) +
          `${result.rate.toFixed(0).padStart(7)} events/s  p50 ${percentile(sorted, 0.5).toFixed(3)} ms  p99 ${percentile(sorted, 0.99).toFixed(3)} ms`,
      );
    }
  }

  // 4. Exactness: every B delivery processed, each event stored once, the ledger written.
  const fullEvents = settings.warmup + settings.rounds * settings.perRound;
  const outcomes = new Map<string, number>();
  for (const run of [warmFull, ...runs.full]) {
    for (const [outcome, count] of run.outcomes) outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + count);
  }
  const stored = await db.webhookEvent.groupBy({
    by: ["status"],
    where: { provider: "STRIPE" },
    _count: { _all: true },
  });
  const processed = stored.find((s) => s.status === "PROCESSED")?._count._all ?? 0;
  const [subscriptions, versions, invoices, payments] = await Promise.all([
    db.subscription.count(),
    db.subscriptionVersion.count(),
    db.invoice.count(),
    db.payment.count(),
  ]);
  const exact = processed === fullEvents && outcomes.get("processed") === fullEvents && outcomes.size === 1;

  const pooled = (list: Measured[]) => list.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const a = { rate: median(runs.verify.map((r) => r.rate)), sorted: pooled(runs.verify) };
  const b = { rate: median(runs.full.map((r) => r.rate)), sorted: pooled(runs.full) };
  const ms = (value: number) => value.toFixed(3).padStart(10);
  console.log(
    `\nSigned Stripe events, in-process, ${settings.concurrency} in flight; rates: median of ${settings.rounds} rounds`,
  );
  console.log(
    `${"".padEnd(36)}${"events/s".padStart(10)}${"p50 ms".padStart(10)}${"p90 ms".padStart(10)}${"p99 ms".padStart(10)}`,
  );
  for (const [label, s] of [
    ["A verify-only (constructEvent)", a],
    ["B full handler (route POST)", b],
  ] as const) {
    console.log(
      `${label.padEnd(36)}${s.rate.toFixed(0).padStart(10)}${ms(percentile(s.sorted, 0.5))}${ms(percentile(s.sorted, 0.9))}${ms(percentile(s.sorted, 0.99))}`,
    );
  }
  const ratio = b.rate / a.rate;
  console.log(
    `B/A throughput ratio ${ratio.toFixed(4)} (verification is ${(1 / ratio).toFixed(0)}× faster than the whole path)`,
  );
  console.log(
    `B added per event: p50 +${(percentile(b.sorted, 0.5) - percentile(a.sorted, 0.5)).toFixed(3)} ms, p99 +${(percentile(b.sorted, 0.99) - percentile(a.sorted, 0.99)).toFixed(3)} ms`,
  );
  console.log(
    `\nChecks: B answers ${[...outcomes].map(([k, v]) => `${k}×${v}`).join(", ")}; webhook_events PROCESSED ${processed} of ${fullEvents} sent; ` +
      `ledger: ${subscriptions} subscriptions, ${versions} versions, ${invoices} invoices, ${payments} payments → ${exact ? "exact" : "MISMATCH"}`,
  );
  log(`machine after the runs: ${machine()}`);
  console.log(
    `\nSUMMARY: full webhook handler ${b.rate.toFixed(0)} events/s (p50 ${percentile(b.sorted, 0.5).toFixed(2)} ms, p99 ${percentile(b.sorted, 0.99).toFixed(2)} ms) ` +
      `vs signature verification only ${a.rate.toFixed(0)} events/s (p50 ${percentile(a.sorted, 0.5).toFixed(3)} ms, p99 ${percentile(a.sorted, 0.99).toFixed(3)} ms); ` +
      `ratio ${ratio.toFixed(4)}; ${fullEvents} events ${exact ? "processed exactly once" : "NOT all processed exactly once"}`,
  );
  await db.$disconnect();
  setStripeClient(undefined);
  await stripeApi.close();
  return exact ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench:webhooks failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
