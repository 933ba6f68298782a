// The input of the billing portal's subscription operations (lib/billing/subscriptions.ts):
// checkout (plan, interval, currency, provider), a plan change or preview, and the operations that
// only carry the form's nonce (cancel, resume).
import { z } from "zod";

import { CURRENCIES, INTERVALS, PAID_TIERS } from "../catalog";

const nonce = z
  .string({ message: "Reload the page and try again." })
  .trim()
  .min(8, "Reload the page and try again.")
  .max(100, "Reload the page and try again.");
const tier = z.enum(PAID_TIERS, { message: "Choose a plan." });
const interval = z.enum(INTERVALS, { message: "Choose monthly or yearly billing." });

export const checkoutSchema = z.object({
  tier,
  interval,
  currency: z.enum(CURRENCIES, { message: "Choose a currency." }),
  provider: z.enum(["STRIPE", "PAYPAL", "LOCAL"], { message: "Choose how to pay." }),
  nonce,
});
export const planTargetSchema = z.object({ tier, interval });
export const planChangeSchema = planTargetSchema.extend({ nonce });
export const operationSchema = z.object({ nonce });

/** Raw input for a schema: form fields arrive as strings, tests pass typed values; zod decides. */
export type RawInput<S extends z.ZodType> = { [K in keyof z.input<S>]?: unknown };
