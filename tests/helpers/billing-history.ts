// A seeded, realistic billing history for replay tests: tenants subscribe (some after a trial),
// renew monthly or yearly, upgrade, downgrade, switch to yearly, cancel at period end (and some
// resume), cancel outright, come back as a new subscription, fail payments and recover (or are
// canceled after the retries), get partial and full refunds and disputes, buy one-time orders,
// update their customer details, in USD or EUR. The same seed gives the same history; `prefix`
// goes into every provider id and event id, so two copies can live in one database.
// Provider timestamps are whole seconds, distinct per state change of one object, except a few
// realistic same-second pairs (an invoice finalized and paid at once; an order approved and
// captured at once), which the ledger must order by lifecycle.
import { priceOf, type Currency, type PaidTier } from "@/lib/billing/catalog";
import type {
  BillingNotice,
  CustomerState,
  InvoiceState,
  OrderState,
  PaymentState,
  SubscriptionState,
  TenantBillingEvent,
} from "@/lib/billing/events";
import type { BillingInterval, InvoiceStatus, PaymentStatus, SubscriptionStatus } from "@/lib/db/generated/enums";
import { at as nth } from "./indexed";
import { addInterval as addIntervalTo, DAY_MS, SECOND_MS } from "@/lib/calendar";

export interface HistoryDelivery {
  /** Index of the tenant (0 … tenants − 1) in the set it is delivered to. */
  tenant: number;
  eventId: string;
  type: string;
  at: Date;
  events: TenantBillingEvent[];
}

export interface BillingHistory {
  tenants: number;
  /** In provider-time order (ties in the order they happened). */
  deliveries: HistoryDelivery[];
  /** Domain events over all deliveries. */
  events: number;
}

export interface HistoryOptions {
  seed: number;
  prefix: string;
  tenants?: number;
  start?: Date;
  months?: number;
}

/** mulberry32: a small, fast, seeded PRNG (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const TIERS: PaidTier[] = ["STARTER", "PROFESSIONAL", "ENTERPRISE", "WHITE_LABEL"];

function addInterval(at: number, interval: BillingInterval): number {
  return addIntervalTo(new Date(at), interval).getTime();
}

interface Sub {
  providerId: string;
  tier: PaidTier;
  interval: BillingInterval;
  status: SubscriptionStatus;
  periodStart: number;
  periodEnd: number;
  trialEnd: number | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: number | null;
  createdAt: number;
}

interface Charge {
  providerId: string;
  amount: number;
  refunded: number;
  invoiceProviderId: string | null;
  orderProviderId: string | null;
  description: string | null;
  paidAt: number;
  disputed: boolean;
}

export function generateBillingHistory(options: HistoryOptions): BillingHistory {
  const rng = seededRandom(options.seed);
  const { prefix } = options;
  const tenants = options.tenants ?? 40;
  const start = (options.start ?? new Date("2025-10-01T00:00:00Z")).getTime();
  const end = addInterval(start, "MONTH") + ((options.months ?? 8) - 1) * 30 * DAY_MS;
  const deliveries: (HistoryDelivery & { seq: number })[] = [];
  let seq = 0;

  const int = (min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
  const chance = (p: number) => rng() < p;
  const whole = (ms: number) => Math.floor(ms / SECOND_MS) * SECOND_MS;

  for (let tenant = 0; tenant < tenants; tenant += 1) {
    const currency: Currency = chance(0.35) ? "eur" : "usd";
    const provider = "LOCAL" as const;
    let n = 0;
    const id = (kind: string) => `${prefix}_t${tenant}_${kind}${(n += 1)}`;
    const emit = (type: string, at: number, events: TenantBillingEvent[]) => {
      seq += 1;
      deliveries.push({ tenant, eventId: `${prefix}_evt${seq}`, type, at: new Date(at), events, seq });
    };
    const charges: Charge[] = [];
    let invoiceNumber = 0;

    const subState = (s: Sub, at: number): SubscriptionState => ({
      kind: "subscription",
      provider,
      providerId: s.providerId,
      at: new Date(at),
      tier: s.tier,
      interval: s.interval,
      status: s.status,
      currency,
      unitAmount: priceOf(s.tier, s.interval, currency),
      currentPeriodStart: new Date(s.periodStart),
      currentPeriodEnd: new Date(s.periodEnd),
      trialEnd: s.trialEnd === null ? null : new Date(s.trialEnd),
      cancelAtPeriodEnd: s.cancelAtPeriodEnd,
      canceledAt: s.canceledAt === null ? null : new Date(s.canceledAt),
      createdAt: new Date(s.createdAt),
    });
    const invoice = (
      providerId: string,
      number: string,
      status: InvoiceStatus,
      amount: number,
      at: number,
      createdAt: number,
      s: Sub | null,
      description: string,
    ): InvoiceState => ({
      kind: "invoice",
      provider,
      providerId,
      at: new Date(at),
      number,
      status,
      currency,
      subtotal: amount,
      tax: 0,
      total: amount,
      amountPaid: status === "PAID" ? amount : 0,
      amountDue: status === "OPEN" ? amount : 0,
      lines: [{ description, quantity: 1, unitAmount: amount, amount }],
      subscriptionProviderId: s?.providerId ?? null,
      periodStart: s ? new Date(s.periodStart) : null,
      periodEnd: s ? new Date(s.periodEnd) : null,
      dueAt: new Date(createdAt),
      paidAt: status === "PAID" ? new Date(at) : null,
      hostedUrl: null,
      pdfUrl: null,
      createdAt: new Date(createdAt),
    });
    const payment = (
      providerId: string,
      status: PaymentStatus,
      amount: number,
      at: number,
      links: {
        invoice?: string;
        order?: string;
        description?: string;
        refunded?: number;
        disputed?: boolean;
        /** When the payment was made, for later states of it (refunds, disputes). */
        paidAt?: number;
      },
    ): PaymentState => ({
      kind: "payment",
      provider,
      providerId,
      at: new Date(at),
      status,
      currency,
      amount,
      amountRefunded: links.refunded ?? null,
      disputed: links.disputed ?? null,
      invoiceProviderId: links.invoice ?? null,
      orderProviderId: links.order ?? null,
      description: links.description ?? null,
      failureMessage: status === "FAILED" ? "Your card was declined." : null,
      paidAt: status === "SUCCEEDED" ? new Date(links.paidAt ?? at) : null,
      createdAt: new Date(links.paidAt ?? at),
    });
    /** A successful payment, remembered as a charge that later refunds and disputes can pick. */
    const charged = (
      providerId: string,
      amount: number,
      paidAt: number,
      links: { invoice?: string; order?: string; description?: string },
    ): PaymentState => {
      charges.push({
        providerId,
        amount,
        refunded: 0,
        invoiceProviderId: links.invoice ?? null,
        orderProviderId: links.order ?? null,
        description: links.description ?? null,
        paidAt,
        disputed: false,
      });
      return payment(providerId, "SUCCEEDED", amount, paidAt, links);
    };
    const notice = (
      kind: BillingNotice["notice"],
      at: number,
      about: string,
      amount: number | null,
      dueAt: number | null,
    ): BillingNotice => ({
      kind: "notice",
      notice: kind,
      provider,
      at: new Date(at),
      providerId: about,
      amount,
      currency: amount === null ? null : currency,
      dueAt: dueAt === null ? null : new Date(dueAt),
      hostedUrl: null,
    });
    const customer = (at: number): CustomerState => ({
      kind: "customer",
      provider,
      providerId: `${prefix}_cus_t${tenant}`,
      at: new Date(at),
      deleted: false,
      email: `billing+${int(1, 999)}@tenant${tenant}.example`,
      name: `Tenant ${tenant} ${["GmbH", "Ltd", "Inc", "SAS"][int(0, 3)]}`,
      address: {
        line1: `${int(1, 200)} Market Street`,
        line2: null,
        city: currency === "eur" ? "Berlin" : "Austin",
        postalCode: String(int(10_000, 99_999)),
        state: null,
        country: currency === "eur" ? "DE" : "US",
      },
      // Always stated (a card or none): an omitted one ("keep what is stored") does not converge
      // in the ledger when an older event that states one arrives after a newer one that does not.
      paymentMethod: chance(0.8)
        ? {
            brand: nth(["visa", "mastercard", "amex"], int(0, 2)),
            last4: String(int(1000, 9999)),
            expMonth: int(1, 12),
            expYear: int(2027, 2031),
          }
        : null,
    });

    /**
     * Bills `amount` now: an invoice finalized (delivered with `along`, e.g. the subscription's new
     * period) and paid, sometimes within the same second, with its payment.
     */
    const billNow = (
      s: Sub | null,
      amount: number,
      at: number,
      description: string,
      along: { type: string; events: TenantBillingEvent[] } = { type: "invoice.created", events: [] },
    ) => {
      const invoiceId = id("in");
      const number = `T${tenant}-${(invoiceNumber += 1)}`;
      const paidAt = chance(0.3) ? at : at + int(1, 90) * SECOND_MS;
      const paymentId = id("py");
      emit(along.type, at, [...along.events, invoice(invoiceId, number, "OPEN", amount, at, at, s, description)]);
      emit("payment.succeeded", paidAt, [
        charged(paymentId, amount, paidAt, { invoice: invoiceId, description }),
        invoice(invoiceId, number, "PAID", amount, paidAt, at, s, description),
      ]);
    };

    /** A renewal that fails, is retried, and either recovers or ends the subscription. */
    const failedRenewal = (s: Sub, at: number, amount: number, renewed: SubscriptionState): boolean => {
      const invoiceId = id("in");
      const number = `T${tenant}-${(invoiceNumber += 1)}`;
      emit("subscription.renewed", at, [
        renewed,
        invoice(invoiceId, number, "OPEN", amount, at, at, s, `${s.tier} renewal`),
      ]);
      let attemptAt = at + int(1, 60) * SECOND_MS;
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        const recovered = attempt > 1 && chance(attempt === 2 ? 0.7 : 0.5);
        if (recovered) {
          const paymentId = id("py");
          s.status = "ACTIVE";
          emit("payment.succeeded", attemptAt, [
            charged(paymentId, amount, attemptAt, { invoice: invoiceId }),
            invoice(invoiceId, number, "PAID", amount, attemptAt, at, s, `${s.tier} renewal`),
            subState(s, attemptAt),
          ]);
          return true;
        }
        if (attempt === 3) break;
        const events: TenantBillingEvent[] = [
          payment(`${invoiceId}:attempt:${attempt}`, "FAILED", amount, attemptAt, { invoice: invoiceId }),
          notice("payment_failed", attemptAt, invoiceId, amount, attemptAt + 3 * DAY_MS),
        ];
        if (s.status !== "PAST_DUE") {
          s.status = "PAST_DUE";
          events.push(subState(s, attemptAt));
        }
        emit("payment.failed", attemptAt, events);
        attemptAt += 3 * DAY_MS + int(0, 3_600) * SECOND_MS;
      }
      s.status = "CANCELED";
      s.canceledAt = attemptAt;
      emit("subscription.canceled", attemptAt, [
        subState(s, attemptAt),
        invoice(invoiceId, number, "VOID", amount, attemptAt, at, s, `${s.tier} renewal`),
      ]);
      return false;
    };

    const order = (at: number) => {
      const orderId = id("ord");
      const amount = currency === "eur" ? int(5, 40) * 1_000 : int(5, 45) * 1_000;
      const description = ["Onboarding workshop", "Data migration", "Extra support hours"][int(0, 2)];
      const base = { kind: "order" as const, provider, providerId: orderId, currency, amount, createdAt: new Date(at) };
      const state = (status: OrderState["status"], when: number, extra: Partial<OrderState> = {}): OrderState => ({
        ...base,
        at: new Date(when),
        status,
        description: null,
        captureProviderId: null,
        approveUrl: null,
        ...extra,
      });
      emit("order.updated", at, [
        state("CREATED", at, { description, approveUrl: `https://pay.local/approve/${orderId}` }),
      ]);
      if (chance(0.15)) {
        emit("order.updated", at + int(1, 3) * DAY_MS, [state("VOIDED", at + int(1, 3) * DAY_MS)]);
        return;
      }
      const approvedAt = at + int(60, 900) * SECOND_MS;
      const capturedAt = chance(0.4) ? approvedAt : approvedAt + int(1, 30) * SECOND_MS;
      const captureId = `${orderId}_cap`;
      emit("order.updated", approvedAt, [state("APPROVED", approvedAt)]);
      emit("order.updated", capturedAt, [
        state("COMPLETED", capturedAt, { captureProviderId: captureId }),
        charged(captureId, amount, capturedAt, { order: orderId, description }),
      ]);
    };

    const refund = (at: number) => {
      const charge = charges.filter((c) => c.refunded < c.amount && c.paidAt < at).at(-1);
      if (!charge) return;
      const full = chance(0.4);
      const amount = full
        ? charge.amount - charge.refunded
        : Math.max(100, Math.round((charge.amount - charge.refunded) * 0.3));
      charge.refunded += amount;
      emit("payment.refunded", at, [
        {
          kind: "refund",
          provider,
          providerId: id("re"),
          paymentProviderId: charge.providerId,
          at: new Date(at),
          currency,
          amount,
          reason: full ? "requested_by_customer" : "duplicate",
          status: "succeeded",
        },
        payment(charge.providerId, "SUCCEEDED", charge.amount, at, {
          invoice: charge.invoiceProviderId ?? undefined,
          order: charge.orderProviderId ?? undefined,
          description: charge.description ?? undefined,
          refunded: charge.refunded,
          disputed: charge.disputed,
          paidAt: charge.paidAt,
        }),
      ]);
    };

    // The local envelope has no dispute type of its own: disputes travel as money-returned events.
    const dispute = (at: number) => {
      const charge = charges.filter((c) => !c.disputed && c.refunded === 0 && c.paidAt < at).at(-1);
      if (!charge) return;
      charge.disputed = true;
      const disputeId = id("dp");
      const state = (status: string, when: number) => ({
        kind: "dispute" as const,
        provider,
        providerId: disputeId,
        paymentProviderId: charge.providerId,
        at: new Date(when),
        currency,
        amount: charge.amount,
        reason: "fraudulent",
        status,
        createdAt: new Date(at),
      });
      emit("payment.refunded", at, [
        state("needs_response", at),
        payment(charge.providerId, "SUCCEEDED", charge.amount, at, {
          invoice: charge.invoiceProviderId ?? undefined,
          order: charge.orderProviderId ?? undefined,
          description: charge.description ?? undefined,
          disputed: true,
          paidAt: charge.paidAt,
        }),
      ]);
      const closedAt = at + int(7, 25) * DAY_MS;
      emit("payment.refunded", closedAt, [state(chance(0.5) ? "won" : "lost", closedAt)]);
    };

    /** Something happening to the subscription at `at`; false when it ends it. */
    const happen = (s: Sub, at: number): boolean => {
      const roll = rng();
      if (roll < 0.12 && s.status === "ACTIVE") {
        const step = chance(0.6) ? 1 : -1;
        const next = nth(TIERS, Math.max(0, Math.min(3, TIERS.indexOf(s.tier) + step)));
        if (next !== s.tier) {
          const before = priceOf(s.tier, s.interval, currency);
          s.tier = next;
          emit("subscription.updated", at, [subState(s, at)]);
          const difference = priceOf(s.tier, s.interval, currency) - before;
          const share = Math.round((difference * (s.periodEnd - at)) / (s.periodEnd - s.periodStart));
          if (share > 0) billNow(s, share, at + SECOND_MS, `Upgrade to ${s.tier}`);
        }
      } else if (roll < 0.17 && s.interval === "MONTH" && s.status === "ACTIVE") {
        s.interval = "YEAR";
        s.periodStart = at;
        s.periodEnd = addInterval(at, "YEAR");
        emit("subscription.updated", at, [subState(s, at)]);
        billNow(s, priceOf(s.tier, "YEAR", currency), at + SECOND_MS, `${s.tier} yearly`);
      } else if (roll < 0.29) {
        s.cancelAtPeriodEnd = true;
        emit("subscription.updated", at, [subState(s, at)]);
        if (chance(0.3)) {
          const resumedAt = whole(at + (s.periodEnd - at) / 2);
          s.cancelAtPeriodEnd = false;
          emit("subscription.updated", resumedAt, [subState(s, resumedAt)]);
        }
      } else if (roll < 0.32) {
        s.status = "CANCELED";
        s.canceledAt = at;
        emit("subscription.canceled", at, [subState(s, at)]);
        return false;
      } else if (roll < 0.44) {
        emit("customer.updated", at, [customer(at)]);
      } else if (roll < 0.56) {
        order(at);
      } else if (roll < 0.66) {
        refund(at);
      } else if (roll < 0.7) {
        dispute(at);
      }
      return true;
    };

    // ─── The tenant's story ───
    let t = whole(start + int(0, 25) * DAY_MS + int(0, 86_399) * SECOND_MS);
    emit("customer.updated", t, [customer(t)]);
    let first = true;
    while (t < end) {
      const interval: BillingInterval = chance(0.12) ? "YEAR" : "MONTH";
      const s: Sub = {
        providerId: id("sub"),
        tier: nth(TIERS, Math.min(3, Math.floor(rng() * rng() * 5))),
        interval,
        status: "ACTIVE",
        periodStart: t,
        periodEnd: addInterval(t, interval),
        trialEnd: null,
        cancelAtPeriodEnd: false,
        canceledAt: null,
        createdAt: t,
      };
      let alive = true;
      if (first && chance(0.4)) {
        s.status = "TRIALING";
        s.trialEnd = t + 14 * DAY_MS;
        s.periodEnd = s.trialEnd;
        emit("checkout.completed", t, [subState(s, t)]);
        emit("trial.will_end", s.trialEnd - 3 * DAY_MS, [
          notice("trial_will_end", s.trialEnd - 3 * DAY_MS, s.providerId, null, s.trialEnd),
        ]);
        t = s.trialEnd;
        if (chance(0.15)) {
          s.status = "CANCELED";
          s.canceledAt = t;
          emit("subscription.canceled", t, [subState(s, t)]);
          alive = false;
        } else {
          s.status = "ACTIVE";
          s.periodStart = t;
          s.periodEnd = addInterval(t, s.interval);
          billNow(s, priceOf(s.tier, s.interval, currency), t, `${s.tier} after trial`, {
            type: "subscription.renewed",
            events: [subState(s, t)],
          });
        }
      } else {
        billNow(s, priceOf(s.tier, s.interval, currency), t, `${s.tier} subscription`, {
          type: "checkout.completed",
          events: [subState(s, t)],
        });
      }
      first = false;

      while (alive && t < end) {
        // One or two things happen during the period, each at a time of its own.
        const span = s.periodEnd - t;
        const times = Array.from({ length: int(1, 2) }, () => whole(t + Math.floor(span * (0.15 + 0.7 * rng()))));
        for (const at of times.sort((x, y) => x - y)) {
          if (!happen(s, at)) {
            t = at;
            alive = false;
            break;
          }
        }
        if (!alive) break;

        t = s.periodEnd;
        if (t >= end) break;
        if (s.cancelAtPeriodEnd) {
          s.status = "CANCELED";
          s.canceledAt = t;
          emit("subscription.canceled", t, [subState(s, t)]);
          alive = false;
          break;
        }
        s.periodStart = t;
        s.periodEnd = addInterval(t, s.interval);
        const renewed = subState(s, t);
        const amount = priceOf(s.tier, s.interval, currency);
        if (chance(0.15)) {
          if (!failedRenewal(s, t, amount, renewed)) {
            t = s.canceledAt ?? t;
            alive = false;
          }
        } else {
          billNow(s, amount, t + int(0, 5) * SECOND_MS, `${s.tier} renewal`, {
            type: "subscription.renewed",
            events: [renewed],
          });
        }
      }
      if (!alive && chance(0.5)) t = whole(t + int(10, 40) * DAY_MS + int(0, 86_399) * SECOND_MS);
      else break;
    }
  }

  deliveries.sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);
  return {
    tenants,
    deliveries: deliveries.map(({ seq: _seq, ...delivery }) => delivery),
    events: deliveries.reduce((total, d) => total + d.events.length, 0),
  };
}

/** `deliveries` shuffled with `duplicateShare` of them delivered twice (same event id). */
export function shuffledWithDuplicates<T>(deliveries: readonly T[], duplicateShare: number, seed: number): T[] {
  const rng = seededRandom(seed);
  const copies = deliveries.filter(() => rng() < duplicateShare);
  const all = [...deliveries, ...copies];
  for (let i = all.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rng() * (i + 1));
    [all[i], all[j]] = [nth(all, j), nth(all, i)];
  }
  return all;
}
