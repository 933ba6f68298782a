// The input of a one-time order (POST /api/v1/billing/paypal/orders and the workspace's pay
// buttons): billing's own schema, which the API route declares as its body (lib/api/v1/paypal.ts).
import { z } from "zod";

import { singleLineText } from "@/lib/text";
import { CURRENCIES } from "../catalog";

export const createOrderBody = z
  .object({
    amount: z
      .number({ error: "Enter the amount in minor units, e.g. 1999 for 19.99." })
      .int("Enter the amount in minor units (a whole number).")
      .min(1, "The amount must be more than zero.")
      .max(99_999_999, "At most 99,999,999 minor units per order.")
      .describe("Minor units, e.g. 1999 = 19.99."),
    currency: z.enum(CURRENCIES, { error: `Choose one of: ${CURRENCIES.join(", ")}.` }),
    description: singleLineText({ error: "Describe what is being paid for." })
      .min(1, "Describe what is being paid for.")
      .max(127, "At most 127 characters."),
  })
  .meta({ id: "CreateOrder" });
