// `npm run billing:sync` and `npm run billing:reconcile` with fake providers: arguments, what is
// printed, and the exit codes.
import { describe, expect, it } from "vitest";

import type { ReconcileOptions, ReconcileReport, SyncReport } from "../lib/billing/sync-types";
import { parseReconcileArgs, runReconcile, runSync, table, UsageError, type ReconcileTargets } from "./lib/billing-cli";

function capture() {
  const lines: string[] = [];
  return { lines, print: (line: string) => void lines.push(line) };
}

const stripeSync: SyncReport = {
  provider: "STRIPE",
  created: ["price tessera_starter_month_usd"],
  updated: ["product tessera_starter"],
  unchanged: ["price tessera_starter_year_usd", "meter tessera_api_calls"],
};

function reconcileReport(overrides: Partial<ReconcileReport> = {}): ReconcileReport {
  return {
    provider: "STRIPE",
    checked: 42,
    missing: [
      { eventId: "evt_1", type: "invoice.paid", createdAt: new Date("2026-11-01T10:00:00.123Z") },
      { eventId: "evt_22", type: "customer.subscription.updated", createdAt: new Date("2026-11-02T11:30:00Z") },
    ],
    replayed: { processed: 2, duplicate: 0, ignored: 0, failed: 0 },
    ...overrides,
  };
}

describe("table", () => {
  it("pads columns to their widest cell", () => {
    expect(table(["a", "long header"], [["wide cell", "x"]])).toEqual([
      "a          long header",
      "---------  -----------",
      "wide cell  x",
    ]);
  });
});

describe("billing:sync", () => {
  it("says the local provider needs no catalog and exits 0 when nothing is configured", async () => {
    const out = capture();
    expect(await runSync({}, out.print)).toBe(0);
    expect(out.lines.join("\n")).toMatch(
      /no payment provider is configured[\s\S]*local simulated provider needs no catalog/,
    );
  });

  it("prints each provider's created, updated and unchanged objects", async () => {
    const out = capture();
    const paypal: SyncReport = {
      provider: "PAYPAL",
      created: [],
      updated: [],
      unchanged: ["plan tessera_starter_month_usd"],
    };
    expect(await runSync({ stripe: async () => stripeSync, paypal: async () => paypal }, out.print)).toBe(0);
    expect(out.lines).toEqual([
      "Stripe: 1 created, 1 updated, 2 unchanged",
      "  action     object",
      "  ---------  -------------------------------",
      "  created    price tessera_starter_month_usd",
      "  updated    product tessera_starter",
      "  unchanged  price tessera_starter_year_usd",
      "  unchanged  meter tessera_api_calls",
      "PayPal: 0 created, 0 updated, 1 unchanged",
      "  action     object",
      "  ---------  ------------------------------",
      "  unchanged  plan tessera_starter_month_usd",
    ]);
  });

  it("goes on with the next provider when one fails, and exits 1", async () => {
    const out = capture();
    const code = await runSync(
      {
        stripe: async () => {
          throw new Error("not implemented yet");
        },
        paypal: async () => ({ provider: "PAYPAL", created: [], updated: [], unchanged: [] }),
      },
      out.print,
    );
    expect(code).toBe(1);
    expect(out.lines).toEqual([
      "Stripe: sync failed: not implemented yet",
      "PayPal: 0 created, 0 updated, 0 unchanged",
    ]);
  });
});

describe("billing:reconcile arguments", () => {
  it("parses --days (both spellings) and --dry-run", () => {
    expect(parseReconcileArgs([])).toEqual({ dryRun: false, help: false });
    expect(parseReconcileArgs(["--days", "30", "--dry-run"])).toEqual({ days: 30, dryRun: true, help: false });
    expect(parseReconcileArgs(["--days=7"])).toEqual({ days: 7, dryRun: false, help: false });
    expect(parseReconcileArgs(["-h"]).help).toBe(true);
  });

  it("refuses bad values and unknown arguments", () => {
    for (const argv of [["--days"], ["--days", "0"], ["--days", "366"], ["--days", "1.5"], ["--days=x"], ["--force"]]) {
      expect(() => parseReconcileArgs(argv), argv.join(" ")).toThrow(UsageError);
    }
  });
});

describe("billing:reconcile", () => {
  it("passes the options on and prints the missing events and the replay outcomes", async () => {
    const seen: ReconcileOptions[] = [];
    const targets: ReconcileTargets = {
      stripe: async (options) => {
        seen.push(options);
        return reconcileReport();
      },
    };
    const out = capture();
    expect(await runReconcile(targets, { days: 30, dryRun: false, help: false }, out.print)).toBe(0);
    expect(seen).toEqual([{ days: 30, dryRun: false }]);
    expect(out.lines).toEqual([
      "Stripe: checked 42 events; 2 missing from the ledger",
      "  event   type                           created",
      "  ------  -----------------------------  --------------------",
      "  evt_1   invoice.paid                   2026-11-01T10:00:00Z",
      "  evt_22  customer.subscription.updated  2026-11-02T11:30:00Z",
      "  Replayed: 2 processed, 0 failed, 0 ignored, 0 duplicate",
    ]);
  });

  it("replays nothing on a dry run, and leaves --days to the provider when not given", async () => {
    const seen: ReconcileOptions[] = [];
    const out = capture();
    const dry = reconcileReport({ replayed: { processed: 0, duplicate: 0, ignored: 0, failed: 0 } });
    const code = await runReconcile(
      {
        paypal: async (options) => {
          seen.push(options);
          return { ...dry, provider: "PAYPAL" };
        },
      },
      { dryRun: true, help: false },
      out.print,
    );
    expect(code).toBe(0);
    expect(seen).toEqual([{ dryRun: true }]);
    expect(out.lines[0]).toBe("PayPal: checked 42 events; 2 missing from the ledger");
    expect(out.lines.at(-1)).toBe("  Dry run: nothing was replayed.");
  });

  it("exits 1 when a replay failed or a provider could not be reached, 0 with nothing configured", async () => {
    const out = capture();
    const failedReplay = reconcileReport({ replayed: { processed: 1, duplicate: 0, ignored: 0, failed: 1 } });
    const code = await runReconcile(
      {
        stripe: async () => failedReplay,
        paypal: async () => {
          throw new Error("PayPal could not be reached");
        },
      },
      { dryRun: false, help: false },
      out.print,
    );
    expect(code).toBe(1);
    expect(out.lines).toContain("  Replayed: 1 processed, 1 failed, 0 ignored, 0 duplicate");
    expect(out.lines.at(-1)).toBe("PayPal: reconciliation failed: PayPal could not be reached");

    const none = capture();
    expect(await runReconcile({}, { dryRun: false, help: false }, none.print)).toBe(0);
    expect(none.lines[0]).toMatch(/no payment provider is configured/);
  });
});
