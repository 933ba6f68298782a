// npm run billing:reconcile [-- --days 30 --dry-run]
// Asks each configured provider (Stripe, PayPal) for its recent events, lists those the ledger never
// stored, and replays them through the webhook pipeline (not with --dry-run). Exits 1 when a
// provider could not be reached or a replay failed, 2 on bad arguments.
import {
  allowServerOnlyImports,
  exitWith,
  parseReconcileArgs,
  RECONCILE_USAGE,
  runReconcile,
  UsageError,
  withScriptDatabase,
  type ReconcileArgs,
  type ReconcileTargets,
} from "./lib/billing-cli";

exitWith("billing:reconcile", async () => {
  let args: ReconcileArgs;
  try {
    args = parseReconcileArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    for (const line of [error.message, ...RECONCILE_USAGE]) console.error(line);
    return 2;
  }
  if (args.help) {
    for (const line of RECONCILE_USAGE) console.log(line);
    return 0;
  }
  allowServerOnlyImports();
  await import("./lib/dotenv"); // before lib/env reads the environment
  const { env } = await import("../lib/env");
  const targets: ReconcileTargets = {};
  if (env.STRIPE_SECRET_KEY) targets.stripe = (await import("../lib/billing/stripe/reconcile")).reconcileStripe;
  if (env.PAYPAL_CLIENT_ID && env.PAYPAL_CLIENT_SECRET) {
    targets.paypal = (await import("../lib/billing/paypal/reconcile")).reconcilePaypal;
  }
  if (!targets.stripe && !targets.paypal) return runReconcile(targets, args, console.log);
  return withScriptDatabase("billing:reconcile", () => runReconcile(targets, args, console.log));
});
