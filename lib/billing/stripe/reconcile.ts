// Placeholder (being written): replays Stripe events the ledger lacks.
import type { ReconcileOptions, ReconcileReport } from "../sync-types";

export async function reconcileStripe(options: ReconcileOptions = {}): Promise<ReconcileReport> {
  void options;
  throw new Error("not implemented yet");
}
