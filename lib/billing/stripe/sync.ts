// Placeholder (being written): creates or updates Stripe products, prices and meters.
import type { SyncReport } from "../sync-types";

export async function syncStripeCatalog(): Promise<SyncReport> {
  throw new Error("not implemented yet");
}
