// Placeholder (being written): replays PayPal events the ledger lacks.
import type { ReconcileOptions, ReconcileReport } from "../sync-types";

export async function reconcilePaypal(options: ReconcileOptions = {}): Promise<ReconcileReport> {
  void options;
  throw new Error("not implemented yet");
}
