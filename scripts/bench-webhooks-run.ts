// Part of `npm run bench:webhooks` (scripts/bench-webhooks.ts starts it with a fresh, migrated
// PostgreSQL database, a generated STRIPE_WEBHOOK_SECRET and WEBHOOK_PROCESSING=external, so no
// worker runs until this script starts one). In this process it:
//  1. creates BENCH_TENANTS workspaces, each with a Stripe customer (BillingAccount.stripeCustomerId);
//  2. builds signed Stripe events for them, cycling customer.subscription.updated, invoice.paid and
//     payment_intent.succeeded (tests/fixtures/fake-stripe.ts builds the objects), a fresh event id
//     and a later `created` each;
//  3. intake, A/B interleaved on the same payloads, called in-process (no HTTP server, so no
//     bench-only route ships): A = a bare handler that verifies the signature
//     (Stripe.webhooks.constructEvent) and inserts one row (a scratch table), B = the real POST of
//     app/api/webhooks/stripe/route.ts, which verifies, stores the event (one deduplicating insert)
//     and answers "queued"; BENCH_CONCURRENCY (1) in flight;
//  4. processing: one worker (lib/billing/webhooks/worker.ts, WEBHOOK_WORKER_CONCURRENCY keys at
//     once) drains everything B stored; events per second until the last is processed;
//  5. burst: BENCH_BURST (5,000) fresh events through the route, BENCH_BURST_CONCURRENCY (64) in
//     flight, with the worker running as in production (the route wakes it): acknowledgement
//     latencies, and the time until every event is processed;
//  6. before: BENCH_INLINE (300) events through the route with WEBHOOK_PROCESSING=inline (processed
//     inside the request, as before the queue), 8 in flight;
//  7. checks every event was stored once and processed exactly once (attempts 1) and the ledger holds
//     them. Settings arrive as JSON in argv[2]; the database and secret through lib/env.
// Profiles of the drain: BENCH_CPU_PROFILE=<file> (V8 CPU profile), BENCH_SQL_PROFILE=1 (the
// statements sent, by shape: how many, and the time until answered).
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { loadavg, cpus } from "node:os";

import { median, percentile } from "./lib/stats";
import { allowServerOnly } from "./lib/server-only";

// Domain modules import "server-only": map it before they load (imported dynamically below).
allowServerOnly();

interface Settings {
  rounds: number;
  perRound: number;
  warmup: number;
  tenants: number;
  concurrency: number;
  burst: number;
  burstConcurrency: number;
  inline: number;
}

type Handler = (request: Request) => Promise<Response>;

interface Measured {
  rate: number;
  seconds: number;
  latencies: number[];
  outcomes: Map<string, number>;
}

const log = (message: string) => console.log(`[bench] ${message}`);
const ms = (value: number) => value.toFixed(3).padStart(10);

async function main(): Promise<number> {
  const settings = JSON.parse(process.argv[2] ?? "{}") as Settings;
  const Stripe = (await import("stripe")).default;
  const { env } = await import("../lib/env");
  const { openDb } = await import("../lib/db/client");
  const { createTenant } = await import("../lib/tenancy/tenants");
  const route = await import("../app/api/webhooks/stripe/route");
  const { startWebhookWorker, stopWebhookWorker, exportWebhookQueueMetrics } =
    await import("../lib/billing/webhooks/worker");
  const { metrics } = await import("../lib/observability/metrics");
  const { webhookQueueStats } = await import("../lib/billing/webhooks/queue");
  const fake = await import("../tests/fixtures/fake-stripe");
  const { setStripeClient } = await import("../lib/billing/stripe/client");
  // invoice.paid reads the invoice's paying charge from Stripe: a local fake answers (an empty list).
  const stripeApi = await fake.startFakeStripe();
  setStripeClient(stripeApi.client);

  // Database round trips: every statement the pg driver sends (BEGIN and COMMIT included).
  const pg = (await import("pg")).default;
  let roundTrips = 0;
  const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  // BENCH_SQL_PROFILE=1: statements of the drain by shape (count and time until answered).
  const sqlProfile = process.env.BENCH_SQL_PROFILE ? new Map<string, { count: number; ms: number }>() : null;
  let profiling = false;
  pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
    roundTrips += 1;
    const result = query.apply(this, args);
    if (sqlProfile && profiling) {
      const first = args[0] as string | { text?: string };
      const text = (typeof first === "string" ? first : (first?.text ?? "?")).replace(/\s+/g, " ").slice(0, 110);
      const entry = sqlProfile.get(text) ?? { count: 0, ms: 0 };
      entry.count += 1;
      sqlProfile.set(text, entry);
      const t0 = performance.now();
      const done = () => (entry.ms += performance.now() - t0);
      if (result instanceof Promise) result.then(done, done);
    }
    return result;
  } as typeof pg.Client.prototype.query;

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
  // The bare baseline's table: one row per delivery, as the cheapest durable intake would write.
  await db.$executeRawUnsafe(
    `CREATE TABLE IF NOT EXISTS bench_bare_webhooks (id text PRIMARY KEY, body jsonb NOT NULL, received_at timestamptz NOT NULL DEFAULT now())`,
  );

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

  // 3. The two intake handlers.
  const bare: Handler = async (request) => {
    const raw = await request.text();
    const event = Stripe.webhooks.constructEvent(raw, request.headers.get("stripe-signature") ?? "", secret);
    await db.$executeRaw`INSERT INTO bench_bare_webhooks (id, body) VALUES (${event.id}, ${raw}::jsonb) ON CONFLICT DO NOTHING`;
    return Response.json({ received: true, id: event.id, outcome: "stored" });
  };
  const intake: Handler = route.POST;

  async function measure(handler: Handler, payloads: { payload: string }[], concurrency: number): Promise<Measured> {
    const requests = payloads.map((p) => sign(p.payload));
    const latencies: number[] = [];
    const outcomes = new Map<string, number>();
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: Math.max(1, concurrency) }, async () => {
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
    const seconds = (performance.now() - started) / 1000;
    return { rate: requests.length / seconds, seconds, latencies, outcomes };
  }
  const addOutcomes = (into: Map<string, number>, run: Measured) => {
    for (const [outcome, count] of run.outcomes) into.set(outcome, (into.get(outcome) ?? 0) + count);
  };
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

  /**
   * Runs a worker until `total` events more than now are processed; events per second. Without
   * `during` (the drain) nothing else queries the database, so its round trips are the worker's;
   * BENCH_CPU_PROFILE=<file> writes a V8 CPU profile of that drain (open it in Chrome DevTools).
   */
  async function processAll(total: number, during?: () => Promise<void>) {
    let processed = 0;
    let finish!: () => void;
    const done = new Promise<void>((resolve) => (finish = resolve));
    let maxBacklog = 0;
    const profile = !during && process.env.BENCH_CPU_PROFILE ? new Session() : null;
    if (profile) {
      profile.connect();
      await profile.post("Profiler.enable");
      await profile.post("Profiler.start");
    }
    const tripsBefore = roundTrips;
    profiling = !during;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    startWebhookWorker({
      concurrency: env.WEBHOOK_WORKER_CONCURRENCY,
      onProcessed: () => {
        processed += 1;
        if (processed === total) finish();
      },
    });
    const sampler = during
      ? setInterval(() => {
          void webhookQueueStats({ db }).then((s) => (maxBacklog = Math.max(maxBacklog, s.backlog)));
        }, 250)
      : undefined;
    const acknowledged = during ? await during().then(() => (performance.now() - started) / 1000) : null;
    await done;
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const trips = roundTrips - tripsBefore;
    profiling = false;
    if (sqlProfile && !during) {
      log(`statements of the drain (count, ms until answered, summed over connections):`);
      for (const [text, e] of [...sqlProfile].sort((x, y) => y[1].ms - x[1].ms).slice(0, 25)) {
        log(`${String(e.count).padStart(6)} ${e.ms.toFixed(0).padStart(7)} ms  ${text}`);
      }
    }
    clearInterval(sampler);
    await stopWebhookWorker();
    if (profile && process.env.BENCH_CPU_PROFILE) {
      const { profile: data } = await profile.post("Profiler.stop");
      writeFileSync(process.env.BENCH_CPU_PROFILE, JSON.stringify(data));
      profile.disconnect();
      log(`CPU profile of the drain written to ${process.env.BENCH_CPU_PROFILE}`);
    }
    // CPU of this process (worker + Stripe fake; not PostgreSQL's): less sensitive to a busy machine.
    const cpuMsPerEvent = (cpu.user + cpu.system) / 1000 / total;
    return { rate: total / seconds, seconds, acknowledged, maxBacklog, cpuMsPerEvent, tripsPerEvent: trips / total };
  }

  const machine = () =>
    `load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(" ")} on ${cpus().length} cores`;
  log(`${settings.tenants} tenants; ${machine()}`);
  log(`warm-up: ${settings.warmup} events through each intake handler`);
  env.WEBHOOK_PROCESSING = "external"; // store only; this script runs the worker itself
  const warm = batch(settings.warmup);
  await measure(bare, warm, settings.concurrency);
  const intakeOutcomes = new Map<string, number>();
  addOutcomes(intakeOutcomes, await measure(intake, warm, settings.concurrency));

  const runs = { bare: [] as Measured[], intake: [] as Measured[] };
  log(`${settings.rounds} rounds × ${settings.perRound} events × 2 handlers, ${settings.concurrency} in flight`);
  for (let round = 0; round < settings.rounds; round += 1) {
    const payloads = batch(settings.perRound);
    const order = round % 2 === 0 ? (["bare", "intake"] as const) : (["intake", "bare"] as const);
    for (const name of order) {
      const result = await measure(name === "bare" ? bare : intake, payloads, settings.concurrency);
      runs[name].push(result);
      if (name === "intake") addOutcomes(intakeOutcomes, result);
      const s = sorted(result.latencies);
      log(
        `round ${round + 1}/${settings.rounds} ${name === "bare" ? "A bare verify + insert" : "B intake (route POST)"}`.padEnd(
          36,
        ) +
          `${result.rate.toFixed(0).padStart(7)} events/s  p50 ${percentile(s, 0.5).toFixed(3)} ms  p99 ${percentile(s, 0.99).toFixed(3)} ms`,
      );
    }
  }

  // 4. Processing what B stored.
  const stored = settings.warmup + settings.rounds * settings.perRound;
  log(`processing the ${stored} stored events: one worker, ${env.WEBHOOK_WORKER_CONCURRENCY} keys at once`);
  const drain = await processAll(stored);
  log(
    `processed ${stored} in ${drain.seconds.toFixed(2)} s → ${drain.rate.toFixed(0)} events/s; ` +
      `${drain.cpuMsPerEvent.toFixed(2)} ms of this process's CPU per event (≈ ${(1000 / drain.cpuMsPerEvent).toFixed(0)} events per CPU-second); ` +
      `${drain.tripsPerEvent.toFixed(2)} database round trips per event`,
  );

  // 5. A burst through the route while the worker runs (the route wakes it).
  let burst: { measured: Measured; drain: Awaited<ReturnType<typeof processAll>> } | null = null;
  if (settings.burst > 0) {
    log(`burst: ${settings.burst} events, ${settings.burstConcurrency} in flight, worker running`);
    env.WEBHOOK_PROCESSING = "worker";
    const payloads = batch(settings.burst);
    let measured!: Measured;
    // The backlog and lag gauges as /api/metrics serves them, scraped once while the burst arrives.
    exportWebhookQueueMetrics();
    let scraped = "";
    const scrape = setTimeout(() => {
      void metrics()
        .registry.metrics()
        .then((text) => (scraped = text));
    }, 1_000);
    const drained = await processAll(settings.burst, async () => {
      measured = await measure(intake, payloads, settings.burstConcurrency);
    });
    clearTimeout(scrape);
    const gauges = scraped
      .split("\n")
      .filter((l) => /^tessera_webhook_(backlog_events|lag_seconds)\{provider="STRIPE"\}/.test(l));
    log(`/api/metrics 1 s into the burst: ${gauges.join("; ") || "(not scraped)"}`);
    addOutcomes(intakeOutcomes, measured);
    burst = { measured, drain: drained };
    const s = sorted(measured.latencies);
    log(
      `burst acknowledged in ${measured.seconds.toFixed(2)} s (${measured.rate.toFixed(0)} events/s; p50 ${percentile(s, 0.5).toFixed(1)} ms, p99 ${percentile(s, 0.99).toFixed(1)} ms, max ${s.at(-1)?.toFixed(1)} ms); ` +
        `all processed after ${drained.seconds.toFixed(2)} s (${drained.rate.toFixed(0)} events/s), backlog peaked at ≥ ${drained.maxBacklog}`,
    );
  }

  // 6. Before the queue: processed inside the request.
  let inline: Measured | null = null;
  let inlineCpuMs = 0;
  const inlineOutcomes = new Map<string, number>();
  if (settings.inline > 0) {
    env.WEBHOOK_PROCESSING = "inline";
    const cpuBefore = process.cpuUsage();
    inline = await measure(intake, batch(settings.inline), 8);
    const cpu = process.cpuUsage(cpuBefore);
    inlineCpuMs = (cpu.user + cpu.system) / 1000 / settings.inline;
    addOutcomes(inlineOutcomes, inline);
    log(
      `inline (processed in the request, 8 in flight): ${inline.rate.toFixed(0)} events/s, ${inlineCpuMs.toFixed(2)} ms CPU per event`,
    );
  }

  // 7. Exactness: every event stored once, processed exactly once, the ledger written.
  const sent = stored + settings.burst;
  const total = sent + settings.inline;
  const rows = await db.webhookEvent.groupBy({
    by: ["status", "attempts"],
    where: { provider: "STRIPE" },
    _count: { _all: true },
  });
  const processedOnce = rows.find((r) => r.status === "PROCESSED" && r.attempts === 1)?._count._all ?? 0;
  const allRows = rows.reduce((sum, r) => sum + r._count._all, 0);
  const [subscriptions, versions, invoices, payments] = await Promise.all([
    db.subscription.count(),
    db.subscriptionVersion.count(),
    db.invoice.count(),
    db.payment.count(),
  ]);
  const exact =
    processedOnce === total &&
    allRows === total &&
    intakeOutcomes.get("queued") === sent &&
    intakeOutcomes.size === 1 &&
    (settings.inline === 0 || (inlineOutcomes.get("processed") === settings.inline && inlineOutcomes.size === 1));

  const pooled = (list: Measured[]) => sorted(list.flatMap((r) => r.latencies));
  const a = { rate: median(runs.bare.map((r) => r.rate)), sorted: pooled(runs.bare) };
  const b = { rate: median(runs.intake.map((r) => r.rate)), sorted: pooled(runs.intake) };
  console.log(
    `\nIntake of signed Stripe events, in-process, ${settings.concurrency} in flight; rates: median of ${settings.rounds} rounds`,
  );
  console.log(
    `${"".padEnd(40)}${"events/s".padStart(10)}${"p50 ms".padStart(10)}${"p90 ms".padStart(10)}${"p99 ms".padStart(10)}`,
  );
  for (const [label, s] of [
    ["A bare: verify + insert one row", a],
    ["B intake: route POST (verify + store)", b],
  ] as const) {
    console.log(
      `${label.padEnd(40)}${s.rate.toFixed(0).padStart(10)}${ms(percentile(s.sorted, 0.5))}${ms(percentile(s.sorted, 0.9))}${ms(percentile(s.sorted, 0.99))}`,
    );
  }
  const ratio = b.rate / a.rate;
  console.log(`B/A intake ratio ${ratio.toFixed(3)} (goal ≥ 0.5)`);
  console.log(
    `Processing: ${drain.rate.toFixed(0)} events/s draining ${stored} stored events (goal ≥ 500), ${drain.cpuMsPerEvent.toFixed(2)} ms CPU per event in this process, ${drain.tripsPerEvent.toFixed(2)} database round trips per event` +
      (inline
        ? `; inline in the request before the queue: ${inline.rate.toFixed(0)} events/s (8 in flight), ${inlineCpuMs.toFixed(2)} ms CPU per event`
        : ""),
  );
  if (burst) {
    const s = sorted(burst.measured.latencies);
    console.log(
      `Burst: ${settings.burst} events acknowledged in ${burst.measured.seconds.toFixed(2)} s, ack p99 ${percentile(s, 0.99).toFixed(1)} ms, max ${s.at(-1)?.toFixed(1)} ms, ` +
        `non-2xx ${[...burst.measured.outcomes].filter(([k]) => k.startsWith("HTTP")).reduce((n, [, v]) => n + v, 0)}; ` +
        `all processed after ${burst.drain.seconds.toFixed(2)} s (${burst.drain.rate.toFixed(0)} events/s while receiving)`,
    );
  }
  console.log(
    `\nChecks: intake answers ${[...intakeOutcomes].map(([k, v]) => `${k}×${v}`).join(", ")}; ` +
      `webhook_events ${allRows} rows, PROCESSED with one attempt ${processedOnce} of ${total} sent; ` +
      `ledger: ${subscriptions} subscriptions, ${versions} versions, ${invoices} invoices, ${payments} payments → ${exact ? "exact" : "MISMATCH"}`,
  );
  log(`machine after the runs: ${machine()} (shared with other work: figures are noisy)`);
  console.log(
    `\nSUMMARY: intake ${b.rate.toFixed(0)} events/s vs bare verify + insert ${a.rate.toFixed(0)} events/s, ratio ${ratio.toFixed(3)} (goal ≥ 0.5) ${ratio >= 0.5 ? "ok" : "MISSED"}; ` +
      `processing ${drain.rate.toFixed(0)} events/s (goal ≥ 500) ${drain.rate >= 500 ? "ok" : "MISSED"}, ${drain.tripsPerEvent.toFixed(2)} round trips per event` +
      (burst
        ? `; burst of ${settings.burst} acknowledged in ${burst.measured.seconds.toFixed(1)} s, processed in ${burst.drain.seconds.toFixed(1)} s`
        : "") +
      `; ${total} events ${exact ? "processed exactly once" : "NOT all processed exactly once"}`,
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
