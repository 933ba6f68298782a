// Subscriptions (with their versions), invoices and payments, applied a run of events at a time:
// the rows a run touches are read with one statement (LOAD_ROWS, ledger-sql.ts), each event is
// applied to them in memory by the ledger's rules (ordering.ts), and what changed is written back
// at the end with one statement — new rows with one INSERT per table, changed rows with one UPDATE
// per table — instead of a read and a write per event. Both statements run through eachTenant, so
// several tenants' runs share them (ledger-batch.ts), each under its own row-level security.
// The outcome is the one of applying the events one by one: the rows in memory are exactly what
// those reads would have returned (the run holds the tenant's ledger lock, and nothing else in the
// transaction writes these rows until the run is written back).
import "server-only";

import type { Prisma } from "../db/generated/client";
import type { BillingProvider, Tier } from "../db/generated/enums";
import { TIERS } from "../tenancy/tiers";
import type { InvoiceState, PaymentState, SubscriptionState } from "./events";
import { toInputJson as json } from "./ledger-account";
import { mrrOf } from "./mrr";
import { eachTenant, type RawQueries } from "../db/each-tenant";
import { LOAD_ROWS, tableWrites, type TableWrite } from "./ledger-sql";
import { keyOf, newRowId, Rows, versionKey } from "./ledger-table";
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

/** The tables a run writes, in the order it writes them (versions name their subscription). */
const LEDGER_TABLES = ["subscriptions", "subscription_versions", "invoices", "payments"] as const;

const providerKeyOf = (row: { provider: BillingProvider; providerId: string }) => ({
  provider: row.provider,
  providerId: row.providerId,
});

type Json<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

/** What LOAD_ROWS answers for one tenant (timestamps as JSON strings). */
interface Loaded {
  subscriptions: Json<SubscriptionRow>[];
  versions: Json<VersionRow>[];
  invoices: Json<InvoiceRow>[];
  payments: Json<PaymentRow>[];
  refunded: { provider: BillingProvider; providerId: string; amount: number | string }[];
  disputed: { provider: BillingProvider; providerId: string }[];
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

  private constructor(readonly tenantId: string) {}

  /** What `load` reads for `events`: the rows they name, and the instants of their versions. */
  static wanted(events: readonly RowEvent[]): Record<string, unknown> {
    const named = (kind: RowEvent["kind"]) => [
      ...new Map(
        events
          .filter((e) => e.kind === kind)
          .map((e) => [keyOf(e.provider, e.providerId), { provider: e.provider, providerId: e.providerId }]),
      ).values(),
    ];
    const instants = new Set(events.filter((e) => e.kind === "subscription").map((e) => e.at.toISOString()));
    return {
      subscriptions: named("subscription"),
      instants: [...instants],
      invoices: named("invoice"),
      payments: named("payment"),
    };
  }

  /** Reads every row `events` touch: one statement (LOAD_ROWS). */
  static async load(tx: RawQueries, tenantId: string, events: readonly RowEvent[]): Promise<LedgerRows> {
    const loaded = await LedgerRows.loadAll(tx, new Map([[tenantId, events]]));
    return loaded.get(tenantId) ?? new LedgerRows(tenantId);
  }

  /** `load` for several tenants in one statement, each under its own row-level security. */
  static async loadAll(
    tx: RawQueries,
    runs: ReadonlyMap<string, readonly RowEvent[]>,
  ): Promise<Map<string, LedgerRows>> {
    const args = new Map([...runs].map(([tenantId, events]) => [tenantId, LedgerRows.wanted(events)]));
    const results = await eachTenant<Loaded>(tx, LOAD_ROWS, args);
    const all = new Map<string, LedgerRows>();
    for (const tenantId of runs.keys()) {
      const rows = new LedgerRows(tenantId);
      const loaded = results.get(tenantId);
      if (loaded) rows.take(loaded);
      all.set(tenantId, rows);
    }
    return all;
  }

  private take(loaded: Loaded): void {
    const date = (value: string | Date) => new Date(value);
    const maybe = (value: string | Date | null) => (value === null ? null : new Date(value));
    for (const s of loaded.subscriptions) {
      const row: SubscriptionRow = {
        ...s,
        providerCreatedAt: date(s.providerCreatedAt),
        providerUpdatedAt: date(s.providerUpdatedAt),
        currentPeriodStart: maybe(s.currentPeriodStart),
        currentPeriodEnd: maybe(s.currentPeriodEnd),
        trialEnd: maybe(s.trialEnd),
        canceledAt: maybe(s.canceledAt),
      };
      this.subscriptions.loaded(keyOf(row.provider, row.providerId), row);
    }
    for (const v of loaded.versions) {
      const row: VersionRow = { ...v, effectiveAt: date(v.effectiveAt) };
      this.versions.loaded(versionKey(row.subscriptionId, row.effectiveAt), row);
    }
    for (const i of loaded.invoices) {
      this.invoices.loaded(keyOf(i.provider, i.providerId), { ...i, providerUpdatedAt: date(i.providerUpdatedAt) });
    }
    for (const p of loaded.payments) {
      this.payments.loaded(keyOf(p.provider, p.providerId), { ...p, providerUpdatedAt: date(p.providerUpdatedAt) });
    }
    // What refunds and disputes say of these payments (they only accumulate).
    for (const r of loaded.refunded) this.refunded.set(keyOf(r.provider, r.providerId), Number(r.amount));
    for (const d of loaded.disputed) this.disputed.add(keyOf(d.provider, d.providerId));
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

  /** What the run changed, as table writes (ledger-sql.ts): new rows, and each changed row once. */
  writes(): Record<string, TableWrite> {
    const { tenantId } = this;
    const updatedAt = new Date();
    return {
      subscriptions: {
        inserts: this.subscriptions.inserts().map(({ row, data }) => ({ tenantId, id: row.id, ...data, updatedAt })),
        updates: this.subscriptions
          .updates()
          .map(({ row, data }) => ({ key: { id: row.id }, patch: { ...data, updatedAt } })),
      },
      subscription_versions: {
        inserts: this.versions
          .inserts()
          .map(({ row, data }) => ({ tenantId, subscriptionId: row.subscriptionId, ...data })),
        updates: this.versions.updates().map(({ row, data }) => ({
          key: { subscriptionId: row.subscriptionId, effectiveAt: row.effectiveAt },
          patch: data,
        })),
      },
      invoices: {
        inserts: this.invoices.inserts().map(({ data }) => ({ tenantId, id: newRowId(), ...data, updatedAt })),
        updates: this.invoices
          .updates()
          .map(({ row, data }) => ({ key: providerKeyOf(row), patch: { ...data, updatedAt } })),
      },
      payments: {
        inserts: this.payments.inserts().map(({ data }) => ({ tenantId, id: newRowId(), ...data, updatedAt })),
        updates: this.payments
          .updates()
          .map(({ row, data }) => ({ key: providerKeyOf(row), patch: { ...data, updatedAt } })),
      },
    };
  }

  /**
   * Writes what the runs of `all` (any tenants) changed: one statement for all of them, each tenant's
   * rows under its own row-level security — one INSERT per table for the new rows, one UPDATE per
   * table for the changed ones (the INSERTs take the rows as one JSON parameter: Prisma plans every
   * createMany afresh, and planning a batch cost more CPU than the round trips it saved).
   */
  static async writeAll(tx: RawQueries, all: readonly LedgerRows[]): Promise<void> {
    const writes = new Map(all.map((rows) => [rows.tenantId, rows.writes()]));
    const { sql, args } = tableWrites(LEDGER_TABLES, writes);
    if (sql.startsWith("WITH")) await eachTenant(tx, sql, args);
  }
}
