// Reports of the catalog sync (npm run billing:sync) and the reconciliation (npm run billing:reconcile).
import type { BillingProvider } from "../db/generated/enums";
import type { IntakeOutcome } from "./webhooks/intake";

export interface SyncReport {
  provider: BillingProvider;
  /** Human-readable object names, e.g. "price tessera_starter_month_usd". */
  created: string[];
  updated: string[];
  unchanged: string[];
}

export interface ReconcileReport {
  provider: BillingProvider;
  /** Provider events of the window that were looked at. */
  checked: number;
  /** Those the ledger had not stored. */
  missing: { eventId: string; type: string; createdAt: Date }[];
  /** What replaying the missing ones did (all zero on a dry run). */
  replayed: Record<IntakeOutcome, number>;
}

export interface ReconcileOptions {
  days?: number;
  dryRun?: boolean;
  now?: Date;
}
