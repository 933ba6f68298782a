"use client";
// How a tool call, the assessment and a notice look in the chat: a card per tool with its state,
// its figures as tables (and a chart for spend by month), approval buttons for acting tools.
import * as React from "react";
import dynamic from "next/dynamic";
import { CircleAlert, Wrench } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/workspace/copy-button";

const LABELS: Record<string, string> = {
  finance_overview: "Billing ledger",
  finance_calculator: "Calculator",
  export_invoices_csv: "Export invoices (CSV)",
  api_health: "API traffic",
  explain_error_code: "Error codes",
  search_knowledge: "Help articles",
  review_contract: "Contract review",
  team_roster: "Team",
  onboarding_plan: "Onboarding plan",
  invite_member: "Invite a member",
  create_api_key: "Create an API key",
  review_copy: "Copy review",
  qualify_lead: "Lead qualification",
  upgrade_candidates: "Plan limits",
  platform_mrr: "Platform MRR",
  revenue_movements: "MRR movements",
};

// recharts is the heaviest thing a chat could need, and only a few tool results draw a chart.
const SpendChart = dynamic(() => import("./spend-chart").then((m) => m.SpendChart), {
  ssr: false,
  loading: () => <div className="size-full animate-pulse rounded bg-muted" />,
});

export interface ToolPart {
  type: string;
  state: string;
  input?: unknown;
  output?: unknown;
  errorText?: string;
  approval?: { id: string; approved?: boolean };
}

export interface AssessmentData {
  confidence: number;
  grounds: { tool: string; ok: boolean; summary: string }[];
  missing: string[];
  suggestions: { label: string; tool?: string; href?: string }[];
}

/** A passage the answer rests on (search_knowledge), linked to its article's section. */
interface Citation {
  n: number;
  title: string;
  section: string | null;
  link: string;
}

function Rows({ rows }: { rows: Record<string, unknown>[] }) {
  const columns = Object.keys(rows[0] ?? {}).filter((c) => typeof rows[0]?.[c] !== "object");
  if (columns.length === 0) return null;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-xs">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col" className="border-b px-2 py-1 font-medium">
                {c.replace(/_/g, " ")}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.slice(0, 20).map((row, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c} className="border-b px-2 py-1 tabular-nums">
                  {String(row[c] ?? "")}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Output({ name, output }: { name: string; output: Record<string, unknown> }) {
  const tables = Object.entries(output).filter(
    ([key, value]) =>
      Array.isArray(value) &&
      value.length > 0 &&
      typeof value[0] === "object" &&
      key !== "suggestions" &&
      key !== "spend_by_month" &&
      key !== "citations",
  ) as [string, Record<string, unknown>[]][];
  const citations = Array.isArray(output.citations) ? (output.citations as Citation[]) : [];
  const spend = Array.isArray(output.spend_by_month)
    ? (output.spend_by_month as { month: string; amount: number }[])
    : [];
  return (
    <div className="grid gap-2">
      {typeof output.summary === "string" && <p className="whitespace-pre-wrap text-sm">{output.summary}</p>}
      {spend.length > 1 && (
        <div className="h-36" role="img" aria-label="Spend by month">
          <SpendChart data={spend.map((s) => ({ month: s.month, amount: s.amount / 100 }))} />
        </div>
      )}
      {citations.length > 0 && (
        <ol aria-label="Sources" className="grid gap-1 text-sm" data-testid="citations">
          {citations.map((c) => (
            <li key={c.n}>
              <a className="underline underline-offset-4" href={c.link}>
                [{c.n}] {c.title}
                {c.section ? ` — ${c.section}` : ""}
              </a>
            </li>
          ))}
        </ol>
      )}
      {tables.map(([key, rows]) => (
        <details key={key} open={key === "figures" || key === "clauses" || key === "checklist" || key === "criteria"}>
          <summary className="cursor-pointer text-xs text-muted-foreground">{key.replace(/_/g, " ")}</summary>
          <Rows rows={rows} />
        </details>
      ))}
      {name === "export_invoices_csv" && typeof output.csv === "string" && (
        <a
          className="text-sm font-medium underline underline-offset-4"
          download={String(output.filename ?? "invoices.csv")}
          href={`data:text/csv;charset=utf-8,${encodeURIComponent(output.csv)}`}
          data-testid="csv-download"
        >
          Download {String(output.filename)} ({String(output.rows)} rows)
        </a>
      )}
      {name === "create_api_key" && typeof output.secret === "string" && output.secret !== "[shown once]" && (
        <div className="flex items-center gap-2">
          <code className="rounded bg-muted px-2 py-1 font-mono text-xs">{output.secret}</code>
          <CopyButton value={output.secret} label="Copy secret" size="sm" variant="outline" />
        </div>
      )}
      {output.already_ran === true && <p className="text-sm">This action had already run; nothing was done twice.</p>}
    </div>
  );
}

export function ToolCard({
  part,
  onApprove,
  busy,
}: {
  part: ToolPart;
  onApprove: (id: string, approved: boolean) => void;
  busy: boolean;
}) {
  const name = part.type.slice("tool-".length);
  const label = LABELS[name] ?? name;
  const state =
    part.state === "output-available"
      ? "done"
      : part.state === "approval-requested"
        ? "needs your approval"
        : part.state === "output-denied"
          ? "declined"
          : part.state === "output-error"
            ? "failed"
            : "running…";
  return (
    <div className="grid gap-2 rounded-md border bg-muted/30 p-3" data-testid={`tool-${name}`} data-state={part.state}>
      <div className="flex items-center gap-2 text-sm font-medium">
        <Wrench className="size-4" aria-hidden />
        {label}
        <Badge variant={part.state === "approval-requested" ? "default" : "outline"}>{state}</Badge>
      </div>
      {part.state === "approval-requested" && part.approval && (
        <div className="grid gap-2">
          <pre className="overflow-x-auto rounded bg-muted p-2 text-xs">{JSON.stringify(part.input, null, 2)}</pre>
          <div className="flex gap-2">
            <Button size="sm" disabled={busy} onClick={() => onApprove(part.approval!.id, true)}>
              Approve
            </Button>
            <Button size="sm" variant="outline" disabled={busy} onClick={() => onApprove(part.approval!.id, false)}>
              Decline
            </Button>
          </div>
        </div>
      )}
      {part.state === "output-available" && part.output !== null && typeof part.output === "object" && (
        <Output name={name} output={part.output as Record<string, unknown>} />
      )}
      {part.state === "output-error" && <p className="text-sm text-destructive">{part.errorText}</p>}
    </div>
  );
}

export function AssessmentCard({ data }: { data: AssessmentData }) {
  const percent = Math.round(data.confidence * 100);
  const tone = percent >= 75 ? "bg-emerald-500" : percent >= 50 ? "bg-amber-500" : "bg-red-500";
  return (
    <div className="grid gap-2 rounded-md border p-3 text-sm" data-testid="assessment">
      <div className="flex items-center gap-3">
        <span className="font-medium">Confidence {percent}%</span>
        <div
          className="h-2 w-32 overflow-hidden rounded bg-muted"
          role="meter"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-label="Confidence"
        >
          <div className={`h-full ${tone}`} style={{ width: `${percent}%` }} />
        </div>
      </div>
      {data.grounds.length > 0 && (
        <p className="text-xs text-muted-foreground">
          Based on: {data.grounds.map((g) => `${LABELS[g.tool] ?? g.tool}${g.ok ? "" : " (unavailable)"}`).join(", ")}
        </p>
      )}
      {data.missing.length > 0 && <p className="text-xs text-muted-foreground">Missing: {data.missing.join(" ")}</p>}
      {data.suggestions.length > 0 && (
        <div className="grid gap-1">
          <span className="text-xs font-medium">Suggestions</span>
          <ul className="ml-4 list-disc text-xs" data-testid="suggestions">
            {data.suggestions.map((s, i) => (
              <li key={i}>
                {s.href ? (
                  <a href={s.href} className="underline underline-offset-4">
                    {s.label}
                  </a>
                ) : (
                  s.label
                )}
                {s.tool && <span className="text-muted-foreground"> (approve it above)</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

export function NoticeCard({ message }: { message: string }) {
  return (
    <Alert variant="destructive">
      <CircleAlert aria-hidden />
      <AlertTitle>The answer stopped</AlertTitle>
      <AlertDescription>{message}</AlertDescription>
    </Alert>
  );
}
