// npm run billing:reconcile [-- --days 30 --dry-run]
// Asks each configured provider (Stripe, PayPal) for its recent events, lists those the ledger never
// stored, and replays them through the webhook pipeline (not with --dry-run). Exits 1 when a
// provider could not be reached or a replay failed, 2 on bad arguments.
import {
  parseReconcileArgs,
  RECONCILE_USAGE,
  runReconcile,
  UsageError,
  withConfiguredProviders,
  type ReconcileArgs,
  type ReconcileTargets,
} from "./lib/billing-cli";
import { exitWith } from "./lib/run";

type ReconcileTarget = NonNullable<ReconcileTargets["stripe"]>;

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
  return withConfiguredProviders<ReconcileTarget>(
    "billing:reconcile",
    {
      stripe: async () => (await import("../lib/billing/stripe/reconcile")).reconcileStripe,
      paypal: async () => (await import("../lib/billing/paypal/reconcile")).reconcilePaypal,
    },
    (targets) => runReconcile(targets, args, console.log),
  );
});
