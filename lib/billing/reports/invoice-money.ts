// Money received that only an invoice tells of: paid invoices whose amount no recorded successful
// payment accounts for. Stripe sends invoice.paid for every subscription payment but this API
// version names no invoice on charges and payment intents, and a deployment may not subscribe to
// those events at all; the invoice's own amount paid is then the record of the money. A payment
// accounts for an invoice when it names it (invoiceProviderId) or the invoice names it as its
// paying charge (paymentProviderId), so the same money is never counted twice. Platform-level.
import "server-only";

import { getDb } from "../../db/client";
import { Prisma } from "../../db/generated/client";
import type { BillingProvider } from "../../db/generated/enums";

export interface InvoiceMoney {
  tenantId: string;
  currency: string;
  /** Minor units the invoice was paid beyond what its recorded payments account for. */
  amount: number;
  paidAt: Date;
}

export async function uncoveredInvoicePayments(options: {
  providers: BillingProvider[];
  tenantIds?: string[];
  /** Paid in [from, to) only. */
  from?: Date;
  to?: Date;
}): Promise<InvoiceMoney[]> {
  if (options.tenantIds?.length === 0 || options.providers.length === 0) return [];
  const db = await getDb();
  const rows = await db.$queryRaw<{ tenantId: string; currency: string; amount: bigint | number; paidAt: Date }[]>`
    SELECT i."tenantId", i.currency, (i."amountPaid" - COALESCE(c.covered, 0))::bigint AS amount,
           COALESCE(i."paidAt", i."providerUpdatedAt") AS "paidAt"
    FROM invoices i
    LEFT JOIN LATERAL (
      SELECT SUM(p.amount) AS covered FROM payments p
      WHERE p."tenantId" = i."tenantId" AND p.provider = i.provider AND p.status = 'SUCCEEDED'
        AND (p."invoiceProviderId" = i."providerId" OR p."providerId" = i."paymentProviderId")
    ) c ON true
    WHERE i.status = 'PAID' AND i."amountPaid" > COALESCE(c.covered, 0)
      AND i.provider::text IN (${Prisma.join(options.providers)})
      ${options.tenantIds ? Prisma.sql`AND i."tenantId" IN (${Prisma.join(options.tenantIds)})` : Prisma.empty}
      ${options.from ? Prisma.sql`AND COALESCE(i."paidAt", i."providerUpdatedAt") >= ${options.from}` : Prisma.empty}
      ${options.to ? Prisma.sql`AND COALESCE(i."paidAt", i."providerUpdatedAt") < ${options.to}` : Prisma.empty}`;
  return rows.map((row) => ({ ...row, amount: Number(row.amount) }));
}
