// Billing routes of the public API. The analytics route answers only for the caller's own Stripe
// customer: a workspace key reads its own billing figures, and any other customer id answers 404
// whether or not it exists. Platform keys are refused (they are for the tenants API; operators see
// every customer in the console at /admin/billing/customers).
import { z } from "zod";

import type { CustomerAnalytics } from "../../billing/reports/customers";
import { defineRoute } from "../define";
import { isoDateTimeOrNull } from "@/lib/iso";

const isoDate = z.iso.datetime();

export const customerAnalyticsCurrency = z
  .object({
    currency: z.string().describe("Lower-case ISO 4217 code."),
    total_paid: z.number().int().describe("Successful payments, in minor units."),
    total_refunded: z.number().int().describe("Refunded of those payments, in minor units."),
    lifetime_value: z.number().int().describe("total_paid − total_refunded, in minor units."),
    payments: z.number().int().describe("Number of successful payments."),
    current_mrr: z
      .number()
      .int()
      .describe("Monthly recurring revenue now, in minor units (a yearly plan counts a twelfth)."),
  })
  .meta({
    id: "CustomerAnalyticsCurrency",
    description: "One currency's figures; currencies are never added together.",
  });

export const customerAnalyticsResource = z
  .object({
    customer_id: z.string().describe("The Stripe customer id."),
    tenant_id: z.string(),
    currencies: z.array(customerAnalyticsCurrency),
    first_payment_at: isoDate.nullable(),
    last_payment_at: isoDate.nullable(),
    disputes: z.number().int().describe("Disputes (chargebacks) opened on the customer's payments."),
  })
  .meta({ id: "CustomerAnalytics" });

export function toCustomerAnalyticsResource(
  customerId: string,
  analytics: CustomerAnalytics,
): z.infer<typeof customerAnalyticsResource> {
  return {
    customer_id: customerId,
    tenant_id: analytics.tenantId,
    currencies: analytics.currencies.map((c) => ({
      currency: c.currency,
      total_paid: c.totalPaid,
      total_refunded: c.totalRefunded,
      lifetime_value: c.lifetimeValue,
      payments: c.payments,
      current_mrr: c.currentMrr,
    })),
    first_payment_at: isoDateTimeOrNull(analytics.firstPaymentAt),
    last_payment_at: isoDateTimeOrNull(analytics.lastPaymentAt),
    disputes: analytics.disputes,
  };
}

export const getCustomerAnalytics = defineRoute({
  operationId: "getCustomerAnalytics",
  method: "GET",
  path: "/api/v1/stripe/analytics/{customer_id}",
  tag: "Billing",
  summary: "Customer analytics",
  description:
    "Lifetime value, payments, refunds and current MRR per currency, and disputes, of the workspace's own Stripe " +
    "customer (cus_…). Any other customer id answers 404.",
  audience: "tenant",
  scope: "billing:read",
  params: z.object({ customer_id: z.string().min(1).max(255).describe("The workspace's Stripe customer id.") }),
  response: customerAnalyticsResource,
  errors: ["not_found"],
});
