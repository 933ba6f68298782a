"use client";
// Key distribution by pattern: scans the keyspace in bounded steps (a server action each), merging
// the steps and showing progress, until the keyspace is covered or the operator stops it.
import * as React from "react";
import { ScanSearch, Square } from "lucide-react";

import { createDataTableColumnHelper, DataTable } from "@/components/tables/data-table";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Progress } from "@/components/ui/progress";
import type { ScanResult } from "@/lib/cache-console/console";
import {
  estimatedBytes,
  formatBytes,
  mergeReports,
  TTL_BUCKETS,
  type PatternGroup,
  type PatternReport,
} from "@/lib/cache/keyspace";
import type { ActionState, FormInput } from "@/lib/http/action";
import { IDLE } from "@/components/workspace/action-types";

type ScanAction = (prev: ActionState<ScanResult>, input: FormInput) => Promise<ActionState<ScanResult>>;

/** Stop after this many keys (the console's bound; the API can go further with its cursor). */
const MAX_KEYS = 200_000;

const col = createDataTableColumnHelper<PatternGroup>();
const columns = col.columns([
  col.accessor("pattern", {
    header: "Pattern",
    sortFn: "text",
    meta: { rowHeader: true },
    cell: ({ row }) => <code className="font-mono text-xs break-all">{row.original.pattern}</code>,
  }),
  col.accessor("namespace", {
    header: "Namespace",
    filterFn: "equalsString",
    cell: ({ row }) => (
      <span className="flex flex-wrap items-center gap-1">
        {row.original.namespace}
        {row.original.kind === "protected" && <Badge variant="outline">protected</Badge>}
      </span>
    ),
  }),
  col.accessor("count", { header: "Keys", sortDescFirst: true, meta: { align: "end" } }),
  col.accessor((row) => estimatedBytes(row) ?? -1, {
    id: "bytes",
    header: "Est. memory",
    sortDescFirst: true,
    meta: { align: "end" },
    cell: ({ row }) => formatBytes(estimatedBytes(row.original)),
  }),
  col.accessor((row) => row.ttl.none, {
    id: "noTtl",
    header: "No TTL",
    sortDescFirst: true,
    meta: { align: "end" },
  }),
  col.display({
    id: "ttl",
    header: "TTL distribution",
    cell: ({ row }) => (
      <span className="text-xs text-muted-foreground">
        {TTL_BUCKETS.filter((b) => row.original.ttl[b] > 0)
          .map((b) => `${b}: ${row.original.ttl[b]}`)
          .join(" · ") || "—"}
      </span>
    ),
  }),
]);

export function PatternScanner({ action }: { action: ScanAction }) {
  const [report, setReport] = React.useState<PatternReport | null>(null);
  const [running, setRunning] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const stop = React.useRef(false);

  async function run() {
    setRunning(true);
    setError(null);
    stop.current = false;
    let merged: PatternReport | null = null;
    let cursor = "0";
    do {
      const state = await action(IDLE, { cursor });
      if (state.status !== "success" || !state.data) {
        setError(state.status === "error" ? state.message : "The scan failed.");
        break;
      }
      merged = merged ? mergeReports(merged, state.data) : state.data;
      setReport(merged);
      cursor = state.data.cursor;
    } while (cursor !== "0" && !stop.current && (merged?.scanned ?? 0) < MAX_KEYS);
    setRunning(false);
  }

  const total = report?.dbSize ?? null;
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center gap-2">
        <Button onClick={run} disabled={running}>
          <ScanSearch aria-hidden />
          {report ? "Scan again" : "Scan keys"}
        </Button>
        {running && (
          <Button variant="outline" onClick={() => (stop.current = true)}>
            <Square aria-hidden />
            Stop
          </Button>
        )}
      </div>
      {(running || report) && (
        <Progress
          label="Keys scanned"
          value={report?.complete ? (total ?? report.scanned) : (report?.scanned ?? 0)}
          max={Math.max(total ?? report?.scanned ?? 1, report?.scanned ?? 1)}
          valueText={`${report?.scanned ?? 0} keys scanned${total !== null ? ` of about ${total} in the database` : ""}${report?.complete ? " (complete)" : running ? "…" : " (stopped: a sample)"}`}
        />
      )}
      <div aria-live="polite">
        {error && (
          <Alert variant="destructive" role="alert">
            <AlertDescription>{error}</AlertDescription>
          </Alert>
        )}
      </div>
      {report && (
        <>
          <p className="text-sm text-muted-foreground" data-testid="pattern-scan-summary">
            {report.groups.length} patterns in {report.scanned} keys, {report.commands} commands,{" "}
            {(report.durationMs / 1000).toFixed(1)} s.{" "}
            {report.memoryMeasured
              ? "Memory is estimated from MEMORY USAGE of a few keys per pattern."
              : "This transport cannot measure memory (no MEMORY USAGE)."}
          </p>
          <DataTable
            label="Keys by pattern"
            columns={columns}
            data={report.groups}
            getRowId={(row) => row.pattern}
            searchPlaceholder="Filter patterns…"
            filters={[{ columnId: "namespace", label: "Namespace" }]}
            initialSorting={[{ id: "count", desc: true }]}
          />
          {report.biggest.length > 0 && (
            <div className="grid gap-2">
              <h3 className="text-sm font-medium">Biggest keys measured</h3>
              <ul className="grid gap-1 text-sm">
                {report.biggest.map((big) => (
                  <li key={big.key} className="flex flex-wrap justify-between gap-2">
                    <code className="font-mono text-xs break-all">{big.key}</code>
                    <span>{formatBytes(big.bytes)}</span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
    </div>
  );
}
