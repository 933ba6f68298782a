// Subscriptions (with their versions), invoices and payments, applied a run of events at a time:
// the rows a run touches are read with one query per table, each event is applied to them in
// memory by the ledger's rules (ordering.ts), and what changed is written back at the end — new
// rows with one INSERT per table, each changed row once — instead of a read and a write per event.
// The outcome is the one of applying the events one by one: the rows in memory are exactly what
// those reads would have returned (the run holds the tenant's ledger lock, and nothing else in the
// transaction writes these rows until the run is written back). A run of one event costs what the
// one-by-one application did (one read and one write per row it touches).
import type { Prisma } from "../db/generated/client";
import type { BillingProvider, Tier } from "../db/generated/enums";
import type { TenantTx } from "../db/tenant";
import { TIERS } from "../tenancy/tiers";
import type { InvoiceState, PaymentState, SubscriptionState } from "./events";
import { toInputJson as json } from "./ledger-account";
import { mrrOf } from "./mrr";
import { byProviderIds, insertRows, keyOf, newRowId, providerKey, Rows, versionKey } from "./ledger-table";
import { isNewer, isNewerStatus, STATUS_RANK, type Stamp } from "./ordering";

/** The events applied through LedgerRows; the ledger's other kinds go one by one. */
export type RowEvent = SubscriptionState | InvoiceState | PaymentState;

export function isRowEvent(event: { kind: string }): event is RowEvent {
  return event.kind === "subscription" || event.kind === "invoice" || event.kind === "payment";
}

type Insert<T> = Omit<T, "tenantId" | "id" | "createdAt" | "updatedAt">;
type SubscriptionData = Omit<SubscriptionRow, "id">;
type VersionData = Omit<Insert<Prisma.SubscriptionVersionUncheckedCreateInput>, "subscriptionId">;
type InvoiceData = Insert<Prisma.InvoiceUncheckedCreateInput>;
type PaymentData = Insert<Prisma.PaymentUncheckedCreateInput>;

/** A subscription as the rules read it (all of it: a new one is inserted from it). */
interface SubscriptionRow extends Pick<
  SubscriptionState,
  | "provider"
  | "providerId"
  | "tier"
  | "interval"
  | "status"
  | "currency"
  | "unitAmount"
  | "currentPeriodStart"
  | "currentPeriodEnd"
  | "trialEnd"
  | "cancelAtPeriodEnd"
  | "canceledAt"
> {
  /** A new one's is made here (its versions name it). */
  id: string;
  providerCreatedAt: Date;
  providerUpdatedAt: Date;
}

interface VersionRow {
  subscriptionId: string;
  effectiveAt: Date;
  tier: Tier;
  interval: SubscriptionState["interval"];
  status: SubscriptionState["status"];
  unitAmount: number;
}

interface InvoiceRow {
  provider: BillingProvider;
  providerId: string;
  status: InvoiceState["status"];
  paymentProviderId: string | null;
  providerUpdatedAt: Date;
}

interface PaymentRow {
  provider: BillingProvider;
  providerId: string;
  status: PaymentState["status"];
  providerUpdatedAt: Date;
  amountRefunded: number;
  disputed: boolean;
  invoiceProviderId: string | null;
  subscriptionProviderId: string | null;
  orderProviderId: string | null;
}

function subscriptionStamp(s: {
  at: Date;
  status: SubscriptionState["status"];
  tier: Tier;
  interval: string;
  unitAmount: number;
  cancelAtPeriodEnd: boolean;
  currentPeriodEnd: Date | null;
}): Stamp {
  return {
    at: s.at,
    rank: STATUS_RANK.subscription[s.status],
    tiebreak: [
      s.cancelAtPeriodEnd ? 1 : 0,
      s.currentPeriodEnd?.toISOString() ?? "",
      TIERS.indexOf(s.tier),
      s.interval,
      String(s.unitAmount).padStart(12, "0"),
    ].join("|"),
  };
}

/** One tenant's subscription, invoice and payment rows for a run of events (see the file's head). */
export class LedgerRows {
  private readonly subscriptions = new Rows<SubscriptionRow, SubscriptionData>();
  private readonly versions = new Rows<VersionRow, VersionData>();
  private readonly invoices = new Rows<InvoiceRow, InvoiceData>();
  private readonly payments = new Rows<PaymentRow, PaymentData>();
  /** Per payment key: the sum of its refunds and whether a dispute names it (read with the run). */
  private readonly refunded = new Map<string, number>();
  private readonly disputed = new Set<string>();

  private constructor(
    private readonly tx: TenantTx,
    private readonly tenantId: string,
  ) {}

  /** Reads every row `events` touch (one query per table that any of them touches). */
  static async load(tx: TenantTx, tenantId: string, events: readonly RowEvent[]): Promise<LedgerRows> {
    const rows = new LedgerRows(tx, tenantId);
    const subs = events.filter((e): e is SubscriptionState => e.kind === "subscription");
    const invoices = events.filter((e): e is InvoiceState => e.kind === "invoice");
    const payments = events.filter((e): e is PaymentState => e.kind === "payment");
    if (subs.length) {
      const stored = await tx.subscription.findMany({
        where: byProviderIds(subs),
        select: {
          id: true,
          provider: true,
          providerId: true,
          providerCreatedAt: true,
          tier: true,
          interval: true,
          status: true,
          currency: true,
          unitAmount: true,
          currentPeriodStart: true,
          currentPeriodEnd: true,
          trialEnd: true,
          cancelAtPeriodEnd: true,
          canceledAt: true,
          providerUpdatedAt: true,
        },
      });
      for (const s of stored) rows.subscriptions.loaded(keyOf(s.provider, s.providerId), s);
      if (stored.length) {
        const versions = await tx.subscriptionVersion.findMany({
          where: {
            subscriptionId: { in: stored.map((s) => s.id) },
            effectiveAt: { in: [...new Set(subs.map((e) => e.at.getTime()))].map((t) => new Date(t)) },
          },
          select: {
            subscriptionId: true,
            effectiveAt: true,
            tier: true,
            interval: true,
            status: true,
            unitAmount: true,
          },
        });
        for (const v of versions) rows.versions.loaded(versionKey(v.subscriptionId, v.effectiveAt), v);
      }
    }
    if (invoices.length) {
      const stored = await tx.invoice.findMany({
        where: byProviderIds(invoices),
        select: { provider: true, providerId: true, status: true, paymentProviderId: true, providerUpdatedAt: true },
      });
      for (const i of stored) rows.invoices.loaded(keyOf(i.provider, i.providerId), i);
    }
    if (payments.length) {
      const stored = await tx.payment.findMany({
        where: byProviderIds(payments),
        select: {
          provider: true,
          providerId: true,
          status: true,
          providerUpdatedAt: true,
          amountRefunded: true,
          disputed: true,
          invoiceProviderId: true,
          subscriptionProviderId: true,
          orderProviderId: true,
        },
      });
      for (const p of stored) rows.payments.loaded(keyOf(p.provider, p.providerId), p);
      // What refunds and disputes say of these payments (they only accumulate): one query for both.
      const unique = [...new Map(payments.map((p) => [keyOf(p.provider, p.providerId), p])).values()];
      const providers = unique.map((p) => p.provider);
      const ids = unique.map((p) => p.providerId);
      const facts = await tx.$queryRaw<{ provider: BillingProvider; id: string; refunded: bigint | null }[]>`
        WITH wanted AS (SELECT * FROM unnest(${providers}::text[], ${ids}::text[]) AS w(provider, id))
        SELECT r.provider::text AS provider, r."paymentProviderId" AS id, sum(r.amount)::bigint AS refunded
          FROM refunds r JOIN wanted w ON r.provider::text = w.provider AND r."paymentProviderId" = w.id
         WHERE r."tenantId" = ${tenantId}
         GROUP BY 1, 2
        UNION ALL
        SELECT DISTINCT d.provider::text, d."paymentProviderId", NULL::bigint
          FROM disputes d JOIN wanted w ON d.provider::text = w.provider AND d."paymentProviderId" = w.id
         WHERE d."tenantId" = ${tenantId}`;
      for (const f of facts) {
        if (f.refunded === null) rows.disputed.add(keyOf(f.provider, f.id));
        else rows.refunded.set(keyOf(f.provider, f.id), Number(f.refunded));
      }
    }
    return rows;
  }

  apply(event: RowEvent): void {
    if (event.kind === "subscription") this.applySubscription(event);
    else if (event.kind === "invoice") this.applyInvoice(event);
    else this.applyPayment(event);
  }

  private applySubscription(e: SubscriptionState): void {
    const data = {
      tier: e.tier,
      interval: e.interval,
      status: e.status,
      currency: e.currency,
      unitAmount: e.unitAmount,
      currentPeriodStart: e.currentPeriodStart,
      currentPeriodEnd: e.currentPeriodEnd,
      trialEnd: e.trialEnd,
      cancelAtPeriodEnd: e.cancelAtPeriodEnd,
      canceledAt: e.canceledAt,
      providerUpdatedAt: e.at,
    };
    const key = keyOf(e.provider, e.providerId);
    const stored = this.subscriptions.get(key);
    let subscriptionId = stored?.id;
    if (!stored) {
      const insert = { provider: e.provider, providerId: e.providerId, providerCreatedAt: e.createdAt, ...data };
      subscriptionId = newRowId();
      this.subscriptions.insert(key, { id: subscriptionId, ...insert }, { ...insert });
    } else if (isNewer(subscriptionStamp(e), subscriptionStamp({ ...stored, at: stored.providerUpdatedAt }))) {
      this.subscriptions.update(key, data);
    }

    // The version history: one row per provider instant; the later-in-lifecycle state wins a tie.
    const version = {
      tier: e.tier,
      interval: e.interval,
      status: e.status,
      currency: e.currency,
      unitAmount: e.unitAmount,
      mrr: mrrOf(e.status, e.interval, e.unitAmount),
    };
    if (!subscriptionId) throw new Error("LedgerRows: a subscription without an id");
    const vKey = versionKey(subscriptionId, e.at);
    const existing = this.versions.get(vKey);
    if (!existing) {
      this.versions.insert(vKey, { subscriptionId, effectiveAt: e.at, ...version }, { effectiveAt: e.at, ...version });
    } else {
      const existingStamp = subscriptionStamp({
        ...existing,
        at: existing.effectiveAt,
        cancelAtPeriodEnd: false,
        currentPeriodEnd: null,
      });
      const incoming = subscriptionStamp({ ...e, cancelAtPeriodEnd: false, currentPeriodEnd: null });
      if (isNewer(incoming, existingStamp)) this.versions.update(vKey, version);
    }
  }

  private applyInvoice(e: InvoiceState): void {
    const key = keyOf(e.provider, e.providerId);
    const stored = this.invoices.get(key);
    // The paying charge is a fact: a newer state that omits it keeps it; an older one only fills it in.
    const newer = !stored || isNewerStatus(STATUS_RANK.invoice, e, stored);
    const paymentProviderId = newer
      ? (e.paymentProviderId ?? stored?.paymentProviderId ?? null)
      : (stored.paymentProviderId ?? e.paymentProviderId ?? null);
    const data = {
      number: e.number,
      status: e.status,
      currency: e.currency,
      subtotal: e.subtotal,
      tax: e.tax,
      total: e.total,
      amountPaid: e.amountPaid,
      amountDue: e.amountDue,
      lines: json(e.lines),
      subscriptionProviderId: e.subscriptionProviderId,
      periodStart: e.periodStart,
      periodEnd: e.periodEnd,
      dueAt: e.dueAt,
      paidAt: e.paidAt,
      hostedUrl: e.hostedUrl,
      pdfUrl: e.pdfUrl,
      paymentProviderId,
      providerUpdatedAt: e.at,
    };
    if (!stored) {
      const row = {
        provider: e.provider,
        providerId: e.providerId,
        status: e.status,
        paymentProviderId,
        providerUpdatedAt: e.at,
      };
      this.invoices.insert(key, row, { ...row, providerCreatedAt: e.createdAt, ...data });
    } else if (newer) {
      this.invoices.update(key, data);
    } else if (paymentProviderId !== stored.paymentProviderId) {
      this.invoices.update(key, { paymentProviderId });
    }
  }

  private applyPayment(e: PaymentState): void {
    const key = keyOf(e.provider, e.providerId);
    const stored = this.payments.get(key);
    const newer = !stored || isNewerStatus(STATUS_RANK.payment, e, stored);
    // Links (invoice, subscription, order) are facts: a newer state that does not repeat one keeps
    // it, and an older state only fills in those the stored one lacks (order-independent).
    const pick = (incoming: string | null | undefined, kept: string | null | undefined) =>
      (newer ? (incoming ?? kept) : (kept ?? incoming)) ?? null;
    const links = {
      invoiceProviderId: pick(e.invoiceProviderId, stored?.invoiceProviderId),
      subscriptionProviderId: pick(e.subscriptionProviderId, stored?.subscriptionProviderId),
      orderProviderId: pick(e.orderProviderId, stored?.orderProviderId),
    };
    const data = {
      status: e.status,
      currency: e.currency,
      amount: e.amount,
      amountRefunded: Math.max(e.amountRefunded ?? 0, this.refunded.get(key) ?? 0),
      disputed: Boolean(e.disputed) || this.disputed.has(key),
      ...links,
      description: e.description,
      failureMessage: e.failureMessage,
      paidAt: e.paidAt,
      providerUpdatedAt: e.at,
    };
    if (!stored) {
      const insert = { provider: e.provider, providerId: e.providerId, providerCreatedAt: e.createdAt, ...data };
      this.payments.insert(key, { ...insert }, insert);
      return;
    }
    // Refunds and disputes only ever accumulate, whatever the order of the states carrying them.
    const amountRefunded = Math.max(stored.amountRefunded, data.amountRefunded);
    const disputed = stored.disputed || data.disputed;
    const linksFilled =
      links.invoiceProviderId !== stored.invoiceProviderId ||
      links.subscriptionProviderId !== stored.subscriptionProviderId ||
      links.orderProviderId !== stored.orderProviderId;
    if (newer) {
      this.payments.update(key, { ...data, amountRefunded, disputed });
    } else if (amountRefunded !== stored.amountRefunded || disputed !== stored.disputed || linksFilled) {
      this.payments.update(key, { amountRefunded, disputed, ...links });
    }
  }

  /**
   * Writes what the run changed: one INSERT per table for the new rows, one UPDATE per changed row.
   * The INSERTs are SQL (rows as one JSON parameter): Prisma plans every createMany afresh, and
   * planning a batch cost more CPU than the round trips it saved.
   */
  async write(): Promise<void> {
    const { tx, tenantId } = this;
    const updatedAt = new Date();
    await insertRows(
      tx,
      "subscriptions",
      this.subscriptions.inserts().map(({ row, data }) => ({ tenantId, id: row.id, ...data, updatedAt })),
    );
    for (const { row, data } of this.subscriptions.updates()) {
      await tx.subscription.update({ where: { tenantId_id: { tenantId, id: row.id } }, data });
    }
    await insertRows(
      tx,
      "subscription_versions",
      this.versions.inserts().map(({ row, data }) => ({ tenantId, subscriptionId: row.subscriptionId, ...data })),
    );
    for (const { row, data } of this.versions.updates()) {
      const key = { tenantId, subscriptionId: row.subscriptionId, effectiveAt: row.effectiveAt };
      await tx.subscriptionVersion.update({ where: { tenantId_subscriptionId_effectiveAt: key }, data });
    }
    await insertRows(
      tx,
      "invoices",
      this.invoices.inserts().map(({ data }) => ({ tenantId, id: newRowId(), ...data, updatedAt })),
    );
    for (const { row, data } of this.invoices.updates()) {
      await tx.invoice.update({ where: providerKey(row), data });
    }
    await insertRows(
      tx,
      "payments",
      this.payments.inserts().map(({ data }) => ({ tenantId, id: newRowId(), ...data, updatedAt })),
    );
    for (const { row, data } of this.payments.updates()) {
      await tx.payment.update({ where: providerKey(row), data });
    }
  }
}
