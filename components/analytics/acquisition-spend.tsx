"use client";
// Acquisition spend the operator enters per month, channel and currency (it feeds CAC and
// LTV:CAC). Setting a month/channel/currency again replaces its amount; every change is audited.
// The entries are listed below the form, filterable by channel and sortable by month or amount.
import * as React from "react";

import { useAction } from "@/components/actions/use-action";
import type { BoundAction } from "@/components/workspace/action-types";
import { SortHeader } from "@/components/tables/sort-header";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { SubmitButton } from "@/components/ui/submit-button";

import { formatMetric } from "./format";

export interface SpendEntry {
  id: string;
  month: string;
  channel: string;
  currency: string;
  amount: number;
  note: string | null;
}

const selectClass =
  "h-9 rounded-md border border-input bg-background px-2 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring";

type SortKey = "month" | "amount";

export function AcquisitionSpend({
  rows,
  currencies,
  channels,
  defaultMonth,
  setSpend,
  deleteSpend,
}: {
  rows: SpendEntry[];
  currencies: readonly string[];
  /** Channels seen so far (workspaces' channels and earlier entries), offered as suggestions. */
  channels: string[];
  defaultMonth: string;
  setSpend: BoundAction<unknown>;
  deleteSpend: BoundAction<unknown>;
}) {
  const form = useAction(setSpend);
  const remove = useAction(deleteSpend);
  const [filter, setFilter] = React.useState("");
  const [sort, setSort] = React.useState<SortKey>("month");
  const shown = rows
    .filter((r) => r.channel.includes(filter.trim().toLowerCase()))
    .sort((a, b) =>
      sort === "month"
        ? b.month.localeCompare(a.month) || a.channel.localeCompare(b.channel)
        : b.amount - a.amount || b.month.localeCompare(a.month),
    );

  return (
    <div className="grid gap-4">
      <form
        action={form.formAction}
        aria-label="Enter acquisition spend"
        className="grid gap-3 rounded-md border p-3 sm:grid-cols-2 lg:grid-cols-6 lg:items-end"
        noValidate
      >
        <Field label="Month" name="month" id="spend-month" error={form.fieldError("month")} required>
          {(props) => <Input {...props} type="month" defaultValue={form.value("month", defaultMonth)} />}
        </Field>
        <Field label="Channel" name="channel" id="spend-channel" error={form.fieldError("channel")} required>
          {(props) => (
            <Input
              {...props}
              list="spend-channels"
              maxLength={40}
              placeholder="ads"
              defaultValue={form.value("channel")}
            />
          )}
        </Field>
        <datalist id="spend-channels">
          {channels.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <Field label="Currency" name="currency" id="spend-currency" error={form.fieldError("currency")} required>
          {(props) => (
            <select {...props} className={selectClass} defaultValue={form.value("currency", currencies[0])}>
              {currencies.map((c) => (
                <option key={c} value={c}>
                  {c.toUpperCase()}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Amount" name="amount" id="spend-amount" error={form.fieldError("amount")} required>
          {(props) => (
            <Input {...props} inputMode="decimal" placeholder="1500.00" defaultValue={form.value("amount")} />
          )}
        </Field>
        <Field label="Note" name="note" id="spend-note" error={form.fieldError("note")}>
          {(props) => <Input {...props} maxLength={200} defaultValue={form.value("note")} />}
        </Field>
        <SubmitButton pendingLabel="Saving…">Save spend</SubmitButton>
        {form.formError && (
          <p role="alert" className="text-sm text-destructive sm:col-span-2 lg:col-span-6">
            {form.formError}
          </p>
        )}
      </form>
      {remove.formError && (
        <p role="alert" className="text-sm text-destructive">
          {remove.formError}
        </p>
      )}
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid gap-1">
          <Label htmlFor="spend-filter">Filter by channel</Label>
          <Input id="spend-filter" value={filter} onChange={(e) => setFilter(e.target.value)} className="w-48" />
        </div>
      </div>
      <div className="max-h-80 overflow-auto">
        <table className="w-full text-sm tabular-nums" data-testid="acquisition-spend">
          <caption className="sr-only">Acquisition spend by month, channel and currency</caption>
          <thead>
            <tr className="border-b text-left text-muted-foreground">
              <SortHeader column="month" sort={sort} direction="descending" onSort={setSort}>
                Month
              </SortHeader>
              <th scope="col" className="py-2 font-medium">
                Channel
              </th>
              <SortHeader column="amount" sort={sort} direction="descending" onSort={setSort} className="text-right">
                Amount
              </SortHeader>
              <th scope="col" className="py-2 pl-4 font-medium">
                Note
              </th>
              <th scope="col" className="py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.id} className="border-b">
                <td className="py-1.5">{r.month}</td>
                <td className="py-1.5">{r.channel}</td>
                <td className="py-1.5 text-right">{formatMetric(r.amount, "money", r.currency)}</td>
                <td className="max-w-48 truncate py-1.5 pl-4 text-muted-foreground">{r.note}</td>
                <td className="py-1.5 text-right">
                  <form action={remove.formAction}>
                    <input type="hidden" name="id" value={r.id} />
                    <Button
                      type="submit"
                      variant="ghost"
                      size="sm"
                      aria-label={`Remove spend ${r.month} ${r.channel} ${r.currency.toUpperCase()}`}
                      disabled={remove.pending}
                    >
                      Remove
                    </Button>
                  </form>
                </td>
              </tr>
            ))}
            {shown.length === 0 && (
              <tr>
                <td colSpan={5} className="py-6 text-center text-muted-foreground">
                  No spend entered{filter ? " for that channel" : " yet"}: CAC shows “—” until there is.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
