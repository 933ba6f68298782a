// The builder behind the seed's billing history (seed-billing.ts): one workspace's story as the
// local provider would have emitted it, with deterministic ids ("<kind>_seed_<slug>_<n>") so that
// seeding twice writes nothing new.
import { priceOf, type Currency, type PaidTier } from "../billing/catalog";
import type {
  Address,
  CustomerState,
  InvoiceLine,
  InvoiceState,
  PaymentMethodSummary,
  PaymentState,
  SubscriptionState,
  TenantBillingEvent,
} from "../billing/events";
import { TIER_DEFINITIONS } from "../tenancy/tiers";
import type { BillingInterval, SubscriptionStatus } from "./generated/enums";

export interface Delivery {
  type: string;
  at: Date;
  events: TenantBillingEvent[];
}

/** One workspace's billing story, as the local provider would have emitted it. */
export class Story {
  readonly deliveries: Delivery[] = [];
  private invoices = 0;
  private payments = 0;

  constructor(
    readonly slug: string,
    readonly currency: Currency,
  ) {}

  id(kind: string, n: number | string): string {
    return `${kind}_seed_${this.slug}_${n}`;
  }

  emit(type: string, at: Date, ...events: TenantBillingEvent[]): void {
    this.deliveries.push({ type, at, events });
  }

  customer(at: Date, email: string, name: string, address: Address, card: PaymentMethodSummary): CustomerState {
    return {
      kind: "customer",
      provider: "LOCAL",
      providerId: this.id("cus", 1),
      at,
      deleted: false,
      email,
      name,
      address,
      paymentMethod: card,
    };
  }

  subscription(
    n: number,
    tier: PaidTier,
    interval: BillingInterval,
    start: Date,
    end: Date,
    status: SubscriptionStatus = "ACTIVE",
  ): SubscriptionState {
    return {
      kind: "subscription",
      provider: "LOCAL",
      providerId: this.id("sub", n),
      at: start,
      tier,
      interval,
      status,
      currency: this.currency,
      unitAmount: priceOf(tier, interval, this.currency),
      currentPeriodStart: start,
      currentPeriodEnd: end,
      trialEnd: null,
      cancelAtPeriodEnd: false,
      canceledAt: null,
      createdAt: start,
    };
  }

  /** The next period of `sub` (same plan unless changed), starting at `start`. */
  next(sub: SubscriptionState, start: Date, end: Date, changes: Partial<SubscriptionState> = {}): SubscriptionState {
    const next = { ...sub, at: start, currentPeriodStart: start, currentPeriodEnd: end, ...changes };
    return { ...next, unitAmount: priceOf(next.tier as PaidTier, next.interval, this.currency) };
  }

  payment(at: Date, amount: number, ok: boolean, refs: { invoice?: string; order?: string }, description: string) {
    this.payments += 1;
    const payment: PaymentState = {
      kind: "payment",
      provider: "LOCAL",
      providerId: this.id("py", this.payments),
      at,
      status: ok ? "SUCCEEDED" : "FAILED",
      currency: this.currency,
      amount,
      amountRefunded: null,
      disputed: null,
      invoiceProviderId: refs.invoice ?? null,
      orderProviderId: refs.order ?? null,
      description,
      failureMessage: ok ? null : "Your card was declined.",
      paidAt: ok ? at : null,
      createdAt: at,
    };
    return payment;
  }

  /** An invoice for `sub`'s current period (or `lines`), paid at once unless `fail`. */
  charge(sub: SubscriptionState, at: Date, options: { lines?: InvoiceLine[]; fail?: boolean } = {}) {
    const label = `${TIER_DEFINITIONS[sub.tier].label} plan (${sub.interval === "YEAR" ? "yearly" : "monthly"})`;
    const lines = options.lines ?? [
      { description: label, quantity: 1, unitAmount: sub.unitAmount, amount: sub.unitAmount },
    ];
    const total = lines.reduce((sum, line) => sum + line.amount, 0);
    const paid = !options.fail;
    this.invoices += 1;
    const invoice: InvoiceState = {
      kind: "invoice",
      provider: "LOCAL",
      providerId: this.id("in", this.invoices),
      at,
      number: `${this.slug.toUpperCase()}-${String(this.invoices).padStart(4, "0")}`,
      status: paid ? "PAID" : "OPEN",
      currency: this.currency,
      subtotal: total,
      tax: 0,
      total,
      amountPaid: paid ? total : 0,
      amountDue: paid ? 0 : total,
      lines,
      subscriptionProviderId: sub.providerId,
      periodStart: options.lines ? at : sub.currentPeriodStart,
      periodEnd: sub.currentPeriodEnd,
      dueAt: at,
      paidAt: paid ? at : null,
      hostedUrl: null,
      pdfUrl: null,
      createdAt: at,
    };
    const payment = this.payment(at, total, paid, { invoice: invoice.providerId }, invoice.number ?? label);
    return { invoice, payment };
  }

  /** A renewal billed and paid at the period's start. */
  renew(sub: SubscriptionState, start: Date, end: Date, changes: Partial<SubscriptionState> = {}) {
    const next = this.next(sub, start, end, changes);
    const { invoice, payment } = this.charge(next, start);
    this.emit("subscription.renewed", start, next, invoice, payment);
    return { sub: next, payment };
  }

  /** Pays an open invoice with a new, successful payment. */
  settle(invoice: InvoiceState, at: Date): [InvoiceState, PaymentState] {
    const paid: InvoiceState = { ...invoice, at, status: "PAID", amountPaid: invoice.total, amountDue: 0, paidAt: at };
    return [paid, this.payment(at, invoice.total, true, { invoice: invoice.providerId }, invoice.number ?? "")];
  }

  /** A checkout at the subscription's start: the customer (the first time), the subscription, its first invoice and payment. */
  checkout(sub: SubscriptionState, customer?: CustomerState): void {
    const first = this.charge(sub, sub.at);
    this.emit("checkout.completed", sub.at, ...(customer ? [customer] : []), sub, first.invoice, first.payment);
  }

  /** Cancellation asked for at `requestedAt`, effective at the end of `sub`'s period (`end`). */
  cancelAtPeriodEnd(sub: SubscriptionState, requestedAt: Date, end: Date): void {
    this.emit("subscription.updated", requestedAt, { ...sub, at: requestedAt, cancelAtPeriodEnd: true });
    this.emit("subscription.canceled", end, {
      ...sub,
      at: end,
      status: "CANCELED",
      cancelAtPeriodEnd: true,
      canceledAt: end,
    });
  }

  order(n: number, at: Date, amount: number, description: string, status: "CREATED" | "COMPLETED", capture?: string) {
    return {
      kind: "order" as const,
      provider: "LOCAL" as const,
      providerId: this.id("ord", n),
      at,
      status,
      currency: this.currency,
      amount,
      description,
      captureProviderId: capture ?? null,
      approveUrl: null,
      createdAt: at,
    };
  }
}

export const address = (
  line1: string,
  city: string,
  postalCode: string,
  country: string,
  state: string | null = null,
) => ({
  line1,
  line2: null,
  city,
  postalCode,
  state,
  country,
});
export const card = (brand: string, last4: string, expMonth: number, expYear: number) => ({
  brand,
  last4,
  expMonth,
  expYear,
});
