// The parts of PayPal's JSON that Tessera reads, as zod schemas (snake_case, exactly as the REST
// API answers and as webhooks deliver resources). Unknown fields are dropped; a resource missing
// what a handler needs fails the event, which is then retried and shown to operators.
import { z } from "zod";

const text = z.string().min(1);
const optionalText = z.string().nullish();
/** When PayPal created and last updated the resource. */
const timestamps = { create_time: optionalText, update_time: optionalText };

export const paypalMoney = z.object({ currency_code: text, value: text });
export type PaypalMoney = z.infer<typeof paypalMoney>;

export const paypalLink = z.object({ href: text, rel: text, method: z.string().optional() });
export type PaypalLink = z.infer<typeof paypalLink>;
const links = z.array(paypalLink).nullish();

export const paypalSubscription = z.object({
  id: text,
  plan_id: optionalText,
  status: text,
  custom_id: optionalText,
  start_time: optionalText,
  /** A string in PayPal's JSON ("1"); the buyer's JS SDK can ask for more. */
  quantity: z.union([z.string(), z.number()]).nullish(),
  /** True when the subscription carries its own pricing instead of the plan's. */
  plan_overridden: z.boolean().nullish(),
  /** The override itself (billing cycles, taxes) when there is one. */
  plan: z.unknown().optional(),
  ...timestamps,
  status_update_time: optionalText,
  billing_info: z
    .object({
      next_billing_time: optionalText,
      failed_payments_count: z.number().nullish(),
      last_payment: z.object({ amount: paypalMoney.nullish(), time: optionalText }).nullish(),
      last_failed_payment: z
        .object({
          amount: paypalMoney.nullish(),
          time: optionalText,
          reason_code: optionalText,
          next_payment_retry_time: optionalText,
        })
        .nullish(),
    })
    .nullish(),
  links,
});
export type PaypalSubscription = z.infer<typeof paypalSubscription>;

export const paypalCapture = z.object({
  id: text,
  status: text,
  amount: paypalMoney,
  custom_id: optionalText,
  ...timestamps,
  supplementary_data: z.object({ related_ids: z.object({ order_id: optionalText }).nullish() }).nullish(),
  links,
});
export type PaypalCapture = z.infer<typeof paypalCapture>;

export const paypalOrder = z.object({
  id: text,
  status: text,
  ...timestamps,
  purchase_units: z
    .array(
      z.object({
        reference_id: optionalText,
        custom_id: optionalText,
        description: optionalText,
        amount: paypalMoney.nullish(),
        payments: z.object({ captures: z.array(paypalCapture).nullish() }).nullish(),
      }),
    )
    .nullish(),
  links,
});
export type PaypalOrder = z.infer<typeof paypalOrder>;

/** A refund of a capture (PAYMENT.CAPTURE.REFUNDED's resource). */
export const paypalRefund = z.object({
  id: text,
  status: optionalText,
  amount: paypalMoney,
  note_to_payer: optionalText,
  custom_id: optionalText,
  ...timestamps,
  links,
});

/** A v1 sale, or a refund/reversal of one (PAYMENT.SALE.*): amounts are { total, currency }. */
export const paypalSale = z.object({
  id: text,
  state: optionalText,
  amount: z.object({
    total: text,
    currency: text,
    details: z.object({ subtotal: optionalText, tax: optionalText }).nullish(),
  }),
  billing_agreement_id: optionalText,
  custom: optionalText,
  sale_id: optionalText,
  reason_code: optionalText,
  ...timestamps,
  links,
});
export type PaypalSale = z.infer<typeof paypalSale>;

/** A customer dispute (CUSTOMER.DISPUTE.*'s resource): the transactions it is about, its amount and state. */
export const paypalDispute = z.object({
  dispute_id: text,
  reason: optionalText,
  status: text,
  dispute_amount: paypalMoney.nullish(),
  disputed_transactions: z.array(z.object({ seller_transaction_id: optionalText, custom: optionalText })).min(1),
  dispute_outcome: z.object({ outcome_code: optionalText }).nullish(),
  ...timestamps,
});
export type PaypalDispute = z.infer<typeof paypalDispute>;

export const paypalPayoutItem = z.object({
  payout_item_id: text,
  transaction_status: optionalText,
  payout_batch_id: optionalText,
  payout_item: z.object({ sender_item_id: optionalText }).nullish(),
  time_processed: optionalText,
  ...timestamps,
});

export const paypalPlan = z.object({
  id: text,
  product_id: optionalText,
  name: optionalText,
  status: optionalText,
  billing_cycles: z
    .array(
      z.object({
        tenure_type: optionalText,
        sequence: z.number().nullish(),
        frequency: z.object({ interval_unit: optionalText, interval_count: z.number().nullish() }).nullish(),
        pricing_scheme: z.object({ fixed_price: paypalMoney.nullish() }).nullish(),
      }),
    )
    .nullish(),
});
export type PaypalPlan = z.infer<typeof paypalPlan>;

/** The envelope of a webhook event (and of GET /v1/notifications/webhooks-events items). */
export const paypalEvent = z.object({
  id: text,
  event_type: text,
  create_time: text,
  resource_type: optionalText,
  resource: z.unknown(),
});
export type PaypalEvent = z.infer<typeof paypalEvent>;

/** A PayPal timestamp → Date; null when absent or unreadable. */
export function paypalTime(value: string | null | undefined): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function linkHref(list: PaypalLink[] | null | undefined, ...rels: string[]): string | null {
  for (const rel of rels) {
    const link = list?.find((l) => l.rel === rel);
    if (link) return link.href;
  }
  return null;
}

/** The last path segment of the link `rel` (e.g. the capture id in a refund's "up" link). */
export function linkedId(list: PaypalLink[] | null | undefined, rel: string): string | null {
  const href = linkHref(list, rel);
  if (!href) return null;
  try {
    const segment = new URL(href).pathname.split("/").filter(Boolean).pop();
    return segment ? decodeURIComponent(segment) : null;
  } catch {
    return null;
  }
}
