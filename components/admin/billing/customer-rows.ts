// The customers table's rows: one per tenant and currency (amounts in different currencies never
// share a cell), with dates as ISO strings so they cross to the client unchanged.
import type { TenantStatus, Tier } from "@/lib/db/generated/enums";
import type { CustomerRow } from "@/lib/billing/reports/customers";
import { tierLabel } from "@/lib/tenancy/tiers";

export interface CustomerTableRow {
  id: string;
  tenantId: string;
  name: string;
  slug: string;
  tier: Tier;
  tierLabel: string;
  status: TenantStatus;
  currency: string;
  currentMrr: number;
  lifetimeValue: number;
  totalPaid: number;
  totalRefunded: number;
  payments: number;
  disputes: number;
  firstPaymentAt: string | null;
  lastPaymentAt: string | null;
}

export function toCustomerTableRows(rows: CustomerRow[]): CustomerTableRow[] {
  return rows.flatMap((row) =>
    row.currencies.map((c) => ({
      id: `${row.tenantId}:${c.currency}`,
      tenantId: row.tenantId,
      name: row.name,
      slug: row.slug,
      tier: row.tier,
      tierLabel: tierLabel(row.tier),
      status: row.status,
      currency: c.currency,
      currentMrr: c.currentMrr,
      lifetimeValue: c.lifetimeValue,
      totalPaid: c.totalPaid,
      totalRefunded: c.totalRefunded,
      payments: c.payments,
      disputes: row.disputes,
      firstPaymentAt: row.firstPaymentAt?.toISOString() ?? null,
      lastPaymentAt: row.lastPaymentAt?.toISOString() ?? null,
    })),
  );
}
