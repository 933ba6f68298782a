// Placeholder (being written): creates or updates PayPal products and plans.
import type { SyncReport } from "../sync-types";

export async function syncPaypalCatalog(): Promise<SyncReport> {
  throw new Error("not implemented yet");
}
