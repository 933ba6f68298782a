// npm run billing:sync
// Creates or updates the price catalog (lib/billing/catalog.ts) at each configured provider:
// Stripe products, prices and meters; PayPal products and plans. Prints what was created, updated
// or left unchanged. With no provider configured there is nothing to do (the local provider reads
// the catalog directly) and it exits 0.
import { runSync, withConfiguredProviders, type SyncTargets } from "./lib/billing-cli";
import { exitWith } from "./lib/run";

type SyncTarget = NonNullable<SyncTargets["stripe"]>;

exitWith("billing:sync", () =>
  withConfiguredProviders<SyncTarget>(
    "billing:sync",
    {
      stripe: async () => (await import("../lib/billing/stripe/sync")).syncStripeCatalog,
      paypal: async () => (await import("../lib/billing/paypal/sync")).syncPaypalCatalog,
    },
    (targets) => runSync(targets, console.log),
  ),
);
