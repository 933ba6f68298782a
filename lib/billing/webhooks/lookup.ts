// Tenant resolution for webhook handlers: platform-level reads by provider identifiers.
import type { PrismaClient } from "../../db/generated/client";
import type { TenantLookup } from "./types";

export function tenantLookup(db: PrismaClient): TenantLookup {
  return {
    async tenantById(id) {
      if (!id) return null;
      const tenant = await db.tenant.findUnique({ where: { id }, select: { id: true } });
      return tenant?.id ?? null;
    },
    async tenantByStripeCustomer(customerId) {
      if (!customerId) return null;
      const account = await db.billingAccount.findUnique({
        where: { stripeCustomerId: customerId },
        select: { tenantId: true },
      });
      return account?.tenantId ?? null;
    },
    async tenantByObject(model, provider, providerId) {
      if (!providerId) return null;
      const where = { provider_providerId: { provider, providerId } };
      const select = { tenantId: true } as const;
      const row =
        model === "subscription"
          ? await db.subscription.findUnique({ where, select })
          : model === "invoice"
            ? await db.invoice.findUnique({ where, select })
            : model === "payment"
              ? await db.payment.findUnique({ where, select })
              : await db.order.findUnique({ where, select });
      return row?.tenantId ?? null;
    },
  };
}
