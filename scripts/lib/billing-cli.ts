// The logic of `npm run billing:sync` and `npm run billing:reconcile`: argument parsing, running the
// configured providers' functions (injected, so tests pass fakes) and printing their reports as
// tables. The entry points (scripts/billing-*.ts) only wire the real functions in.
import { register } from "node:module";

import type { ReconcileOptions, ReconcileReport, SyncReport } from "../../lib/billing/sync-types";

export type Print = (line: string) => void;

/** Left-aligned columns separated by two spaces, with a header row. */
export function table(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const LABELS = { stripe: "Stripe", paypal: "PayPal" } as const;
type ProviderKey = keyof typeof LABELS;

// ─── billing:sync ─────────────────────────────────────────────────────────────

export type SyncTargets = Partial<Record<ProviderKey, () => Promise<SyncReport>>>;

export function formatSyncReport(label: string, report: SyncReport): string[] {
  const rows = [
    ...report.created.map((name) => ["created", name]),
    ...report.updated.map((name) => ["updated", name]),
    ...report.unchanged.map((name) => ["unchanged", name]),
  ];
  const summary = `${label}: ${report.created.length} created, ${report.updated.length} updated, ${report.unchanged.length} unchanged`;
  return rows.length ? [summary, ...table(["action", "object"], rows).map((l) => `  ${l}`)] : [summary];
}

/** Syncs the catalog to each configured provider; returns the exit code (1 when one failed). */
export async function runSync(targets: SyncTargets, print: Print): Promise<number> {
  const configured = (Object.keys(LABELS) as ProviderKey[]).filter((key) => targets[key]);
  if (configured.length === 0) {
    print("billing:sync: no payment provider is configured (STRIPE_SECRET_KEY, PAYPAL_CLIENT_ID/SECRET).");
    print("The local simulated provider needs no catalog: its prices come from lib/billing/catalog.ts.");
    return 0;
  }
  let failures = 0;
  for (const key of configured) {
    try {
      for (const line of formatSyncReport(LABELS[key], await targets[key]!())) print(line);
    } catch (error) {
      failures += 1;
      print(`${LABELS[key]}: sync failed: ${errorText(error)}`);
    }
  }
  return failures > 0 ? 1 : 0;
}

// ─── billing:reconcile ────────────────────────────────────────────────────────

export class UsageError extends Error {}

export const RECONCILE_USAGE = [
  "Usage: npm run billing:reconcile [-- --days <1-365>] [--dry-run]",
  "  Lists the events each configured provider has that the ledger lacks, and replays them.",
  "  --days N    how far back to look (default: the provider's default)",
  "  --dry-run   list what is missing without replaying anything",
];

export interface ReconcileArgs {
  days?: number;
  dryRun: boolean;
  help: boolean;
}

export function parseReconcileArgs(argv: readonly string[]): ReconcileArgs {
  const args: ReconcileArgs = { dryRun: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === undefined) continue;
    if (arg === "--dry-run") args.dryRun = true;
    else if (arg === "--help" || arg === "-h") args.help = true;
    else if (arg === "--days" || arg.startsWith("--days=")) {
      const value = arg === "--days" ? argv[++i] : arg.slice("--days=".length);
      if (value === undefined || !/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 365) {
        throw new UsageError(`--days takes a whole number of days from 1 to 365 (got ${value ?? "nothing"}).`);
      }
      args.days = Number(value);
    } else {
      throw new UsageError(`Unknown argument: ${arg}`);
    }
  }
  return args;
}

export type ReconcileTargets = Partial<Record<ProviderKey, (options: ReconcileOptions) => Promise<ReconcileReport>>>;

export function formatReconcileReport(label: string, report: ReconcileReport, dryRun: boolean): string[] {
  const lines = [`${label}: checked ${report.checked} events; ${report.missing.length} missing from the ledger`];
  if (report.missing.length > 0) {
    const rows = report.missing.map((m) => [m.eventId, m.type, m.createdAt.toISOString().replace(/\.\d{3}Z$/, "Z")]);
    lines.push(...table(["event", "type", "created"], rows).map((l) => `  ${l}`));
  }
  const { processed, failed, ignored, duplicate } = report.replayed;
  if (dryRun) lines.push("  Dry run: nothing was replayed.");
  else if (report.missing.length > 0) {
    lines.push(`  Replayed: ${processed} processed, ${failed} failed, ${ignored} ignored, ${duplicate} duplicate`);
  }
  return lines;
}

/** Reconciles each configured provider; returns the exit code (1 when one failed or a replay failed). */
export async function runReconcile(targets: ReconcileTargets, args: ReconcileArgs, print: Print): Promise<number> {
  const configured = (Object.keys(LABELS) as ProviderKey[]).filter((key) => targets[key]);
  if (configured.length === 0) {
    print("billing:reconcile: no payment provider is configured; the local provider's events never leave Tessera.");
    return 0;
  }
  const options: ReconcileOptions = { dryRun: args.dryRun, ...(args.days !== undefined ? { days: args.days } : {}) };
  let failures = 0;
  for (const key of configured) {
    try {
      const report = await targets[key]!(options);
      for (const line of formatReconcileReport(LABELS[key], report, args.dryRun)) print(line);
      if (report.replayed.failed > 0) failures += 1;
    } catch (error) {
      failures += 1;
      print(`${LABELS[key]}: reconciliation failed: ${errorText(error)}`);
    }
  }
  return failures > 0 ? 1 : 0;
}

// ─── Running as a script ──────────────────────────────────────────────────────

/**
 * Lets this process import modules marked `import "server-only"` (the webhook pipeline): Next.js
 * resolves that marker to an empty module on the server, and so does this resolve hook, for tsx.
 */
function allowServerOnlyImports(): void {
  const hook =
    'export async function resolve(specifier, context, next) { return specifier === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(specifier, context); }';
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}

/** Opens the configured database (migrating the embedded one, as db:seed does), runs `fn`, closes it. */
async function withScriptDatabase<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const [{ openDb }, { pgliteExecutor }, { migrate, readMigrations }] = await Promise.all([
    import("../../lib/db/client"),
    import("../../lib/db/executors"),
    import("../../lib/db/migrate"),
  ]);
  const handle = await openDb();
  try {
    if (handle.kind === "embedded" && handle.pglite) {
      const result = await migrate(pgliteExecutor(handle.pglite), readMigrations());
      if (result.applied.length > 0) console.log(`${name}: applied ${result.applied.join(", ")}`);
    }
    return await fn();
  } finally {
    await handle.client.$disconnect();
    await handle.pglite?.close();
  }
}

/**
 * Runs `run` with the targets of the providers configured in the environment (Stripe:
 * STRIPE_SECRET_KEY; PayPal: PAYPAL_CLIENT_ID and PAYPAL_CLIENT_SECRET), each loaded by `load`, in
 * the script database when there is any (without one `run` only says there is nothing to do).
 */
export async function withConfiguredProviders<T>(
  name: string,
  load: Record<ProviderKey, () => Promise<T>>,
  run: (targets: Partial<Record<ProviderKey, T>>) => Promise<number>,
): Promise<number> {
  allowServerOnlyImports();
  await import("./dotenv"); // before lib/env reads the environment
  const { env } = await import("../../lib/env");
  const targets: Partial<Record<ProviderKey, T>> = {};
  if (env.STRIPE_SECRET_KEY) targets.stripe = await load.stripe();
  if (env.PAYPAL_CLIENT_ID && env.PAYPAL_CLIENT_SECRET) targets.paypal = await load.paypal();
  if (!targets.stripe && !targets.paypal) return run(targets);
  return withScriptDatabase(name, () => run(targets));
}
