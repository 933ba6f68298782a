// npm run billing:sync
// Creates or updates the price catalog (lib/billing/catalog.ts) at each configured provider:
// Stripe products, prices and meters; PayPal products and plans. Prints what was created, updated
// or left unchanged. With no provider configured there is nothing to do (the local provider reads
// the catalog directly) and it exits 0.
import { allowServerOnlyImports, exitWith, runSync, withScriptDatabase, type SyncTargets } from "./lib/billing-cli";

exitWith("billing:sync", async () => {
  allowServerOnlyImports();
  await import("./lib/dotenv"); // before lib/env reads the environment
  const { env } = await import("../lib/env");
  const targets: SyncTargets = {};
  if (env.STRIPE_SECRET_KEY) targets.stripe = (await import("../lib/billing/stripe/sync")).syncStripeCatalog;
  if (env.PAYPAL_CLIENT_ID && env.PAYPAL_CLIENT_SECRET) {
    targets.paypal = (await import("../lib/billing/paypal/sync")).syncPaypalCatalog;
  }
  if (!targets.stripe && !targets.paypal) return runSync(targets, console.log);
  return withScriptDatabase("billing:sync", () => runSync(targets, console.log));
});
