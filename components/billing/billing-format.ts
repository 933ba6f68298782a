// Labels shared by the billing portal's server and client components.
import type {
  BillingInterval,
  BillingProvider,
  InvoiceStatus,
  OrderStatus,
  SubscriptionStatus,
} from "@/lib/db/generated/enums";
import type { PaymentMethodSummary } from "@/lib/billing/events";
import { CURRENCIES } from "@/lib/billing/catalog";

/** Provider names for the workspace's tables (the operator's are PROVIDER_LABELS in lib/billing/catalog.ts). */
export const PROVIDER_NAMES: Record<BillingProvider, string> = {
  STRIPE: "Stripe",
  PAYPAL: "PayPal",
  LOCAL: "Simulated payments",
};

/** Short provider names for the operator's tables and filters. */
export const PROVIDER_SHORT_NAMES: Record<BillingProvider, string> = {
  STRIPE: "Stripe",
  PAYPAL: "PayPal",
  LOCAL: "Local",
};

/** The catalog's currencies as select options ("USD", "EUR"). */
export const CURRENCY_OPTIONS = CURRENCIES.map((currency) => ({ value: currency, label: currency.toUpperCase() }));

export const INTERVAL_LABELS: Record<BillingInterval, { adjective: string; unit: string }> = {
  MONTH: { adjective: "Monthly", unit: "month" },
  YEAR: { adjective: "Yearly", unit: "year" },
};

export const SUBSCRIPTION_STATUS_LABELS: Record<SubscriptionStatus, string> = {
  INCOMPLETE: "Incomplete",
  TRIALING: "Trial",
  ACTIVE: "Active",
  PAST_DUE: "Past due",
  PAUSED: "Paused",
  CANCELED: "Canceled",
  EXPIRED: "Expired",
};

export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = {
  DRAFT: "Draft",
  OPEN: "Open",
  PAID: "Paid",
  VOID: "Void",
  UNCOLLECTIBLE: "Uncollectible",
};

export const INVOICE_STATUS_VARIANT = {
  DRAFT: "secondary",
  OPEN: "warning",
  PAID: "success",
  VOID: "secondary",
  UNCOLLECTIBLE: "destructive",
} as const satisfies Record<InvoiceStatus, string>;

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  CREATED: "Created",
  APPROVED: "Approved",
  COMPLETED: "Completed",
  VOIDED: "Voided",
  DENIED: "Denied",
};

export const ORDER_STATUS_VARIANT = {
  CREATED: "secondary",
  APPROVED: "info",
  COMPLETED: "success",
  VOIDED: "secondary",
  DENIED: "destructive",
} as const satisfies Record<OrderStatus, string>;

/** A provider's status in words: "PAST_DUE" → "Past due". */
export function statusLabel(status: string): string {
  return status.charAt(0) + status.slice(1).toLowerCase().replaceAll("_", " ");
}

const BRANDS: Record<string, string> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  discover: "Discover",
  paypal: "PayPal",
};

/** "Visa ending 4242" */
export function describeCard(card: PaymentMethodSummary): string {
  const brand = BRANDS[card.brand.toLowerCase()] ?? card.brand.charAt(0).toUpperCase() + card.brand.slice(1);
  return card.last4 ? `${brand} ending ${card.last4}` : brand;
}

/** "12/2034" */
export function describeExpiry(card: PaymentMethodSummary): string | null {
  if (!card.expMonth || !card.expYear) return null;
  return `${String(card.expMonth).padStart(2, "0")}/${card.expYear}`;
}
