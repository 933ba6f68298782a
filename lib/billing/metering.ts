// Placeholder (being written): metered usage (API-call overage, AI tokens) reported to Stripe meters.
import type { Currency, MeterId } from "./catalog";

export interface MeterUsage {
  meter: MeterId;
  label: string;
  /** Units used this period, units the plan includes, and units billed beyond them. */
  used: number;
  included: number | null;
  billable: number;
  /** Charge so far and projected to the period's end, minor units. */
  charge: number;
  projectedBillable: number;
  projectedCharge: number;
}

export interface PortalMeteredUsage {
  periodStart: Date;
  periodEnd: Date;
  currency: Currency;
  meters: MeterUsage[];
}

export async function meteredUsageForPortal(tenantId: string, now = new Date()): Promise<PortalMeteredUsage> {
  void tenantId;
  void now;
  throw new Error("not implemented yet");
}
