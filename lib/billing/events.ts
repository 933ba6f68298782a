// The billing domain's events: what a provider's webhook (or the local provider) tells the ledger,
// in one provider-neutral shape. Provider handlers (lib/billing/webhooks/<provider>/*) translate
// their payloads into these; lib/billing/ledger.ts applies them. Amounts are integer minor units,
// currencies lower-case ISO codes, and `at` is the provider's clock for the state described:
// the ledger keeps a state only if it is newer than the one it holds.
import type {
  BillingInterval,
  BillingProvider,
  InvoiceStatus,
  OrderStatus,
  PaymentStatus,
  PayoutStatus,
  SubscriptionStatus,
  Tier,
} from "../db/generated/enums";

interface ProviderObject {
  provider: BillingProvider;
  providerId: string;
  /** The provider's time for this state (event creation or the object's update time). */
  at: Date;
}

export interface SubscriptionState extends ProviderObject {
  kind: "subscription";
  tier: Tier;
  interval: BillingInterval;
  status: SubscriptionStatus;
  currency: string;
  unitAmount: number;
  currentPeriodStart: Date | null;
  currentPeriodEnd: Date | null;
  trialEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: Date | null;
  createdAt: Date;
}

export interface InvoiceLine {
  description: string;
  quantity: number;
  unitAmount: number;
  amount: number;
  /** Metered usage (catalog METERS id): the quantity is units used, priced per package. */
  meter?: string;
}

/** An invoice row's stored lines (JSON) as InvoiceLines; none when the column holds no array. */
export function readInvoiceLines(stored: unknown): InvoiceLine[] {
  return Array.isArray(stored) ? (stored as InvoiceLine[]) : [];
}

export interface InvoiceState extends ProviderObject {
  kind: "invoice";
  number: string | null;
  status: InvoiceStatus;
  currency: string;
  subtotal: number;
  tax: number;
  total: number;
  amountPaid: number;
  amountDue: number;
  lines: InvoiceLine[];
  subscriptionProviderId: string | null;
  /**
   * The payment (charge) that paid it, when the provider tells it from the invoice's side
   * (Stripe's invoice payments); analytics then count that money once. Omitted: kept as stored.
   */
  paymentProviderId?: string | null;
  periodStart: Date | null;
  periodEnd: Date | null;
  dueAt: Date | null;
  paidAt: Date | null;
  hostedUrl: string | null;
  pdfUrl: string | null;
  createdAt: Date;
}

/**
 * A payment or an attempt at one. A failed renewal is a payment with status FAILED (for a Stripe
 * invoice.payment_failed the id is "<invoice id>:attempt:<attempt_count>"); dunning is derived
 * from these rows (ledger.ts, recomputeDunning).
 */
export interface PaymentState extends ProviderObject {
  kind: "payment";
  status: PaymentStatus;
  currency: string;
  amount: number;
  /** Cumulative amount refunded, when the provider reports it on the payment (Stripe charges). */
  amountRefunded: number | null;
  disputed: boolean | null;
  invoiceProviderId: string | null;
  /**
   * The subscription this payment or attempt was for, when the provider names it without an
   * invoice (a PayPal renewal failure). Dunning counts only a subscription's own payments.
   */
  subscriptionProviderId?: string | null;
  orderProviderId: string | null;
  description: string | null;
  failureMessage: string | null;
  paidAt: Date | null;
  createdAt: Date;
}

export interface RefundRecord extends ProviderObject {
  kind: "refund";
  paymentProviderId: string;
  currency: string;
  amount: number;
  reason: string | null;
  status: string;
}

export interface DisputeState extends ProviderObject {
  kind: "dispute";
  paymentProviderId: string;
  currency: string;
  amount: number;
  reason: string | null;
  status: string;
  createdAt: Date;
}

export interface OrderState extends ProviderObject {
  kind: "order";
  status: OrderStatus;
  currency: string;
  amount: number;
  description: string | null;
  captureProviderId: string | null;
  approveUrl: string | null;
  createdAt: Date;
}

export interface Address {
  line1: string | null;
  line2: string | null;
  city: string | null;
  postalCode: string | null;
  state: string | null;
  country: string | null;
}

export interface PaymentMethodSummary {
  brand: string;
  last4: string | null;
  expMonth: number | null;
  expYear: number | null;
}

export interface CustomerState {
  kind: "customer";
  provider: BillingProvider;
  providerId: string;
  at: Date;
  deleted: boolean;
  email: string | null;
  name: string | null;
  address: Address | null;
  /** undefined leaves the stored payment method alone. */
  paymentMethod?: PaymentMethodSummary | null;
}

export interface PayoutItemState {
  kind: "payout_item";
  provider: BillingProvider;
  providerItemId: string;
  senderItemId: string | null;
  providerBatchId: string | null;
  status: PayoutStatus;
  at: Date;
}

/** Something to tell the tenant's billing contacts by email; the ledger only remembers the trial reminder. */
export interface BillingNotice {
  kind: "notice";
  notice: "trial_will_end" | "payment_failed" | "payment_action_required" | "invoice_upcoming";
  provider: BillingProvider;
  at: Date;
  /** The provider object the notice is about (invoice, subscription). */
  providerId: string;
  amount: number | null;
  currency: string | null;
  /** e.g. the trial's end or the next retry. */
  dueAt: Date | null;
  hostedUrl: string | null;
}

export type TenantBillingEvent =
  | SubscriptionState
  | InvoiceState
  | PaymentState
  | RefundRecord
  | DisputeState
  | OrderState
  | CustomerState
  | BillingNotice;

export type BillingEvent = TenantBillingEvent | PayoutItemState;

/**
 * What a provider handler makes of one webhook: the tenant it concerns (null when it could not be
 * told yet: the event fails and is retried) and the domain events. No events means "ignored".
 */
export interface Translation {
  tenantId: string | null;
  events: BillingEvent[];
}

export const ignored: Translation = { tenantId: null, events: [] };
