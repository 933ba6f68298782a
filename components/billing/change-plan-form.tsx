"use client";
// The "Change plan" form, loaded with the dialog's first use (./change-plan-dialog.tsx).

import * as React from "react";

import { Button } from "@/components/ui/button";
import { DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { FormMessage } from "@/components/ui/field";
import { Spinner } from "@/components/ui/spinner";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE, type BoundAction } from "@/components/workspace/action-types";
import type { Currency, PaidTier } from "@/lib/billing/catalog";
import type { PlanChangePreview } from "@/lib/billing/provider";
import type { BillingInterval } from "@/lib/db/generated/enums";
import { formatDate, formatMoney } from "@/lib/format";

import type { RedirectData } from "./action-types";
import { INTERVAL_LABELS } from "./billing-format";
import { IntervalChoice, TierChoice } from "./plan-picker";
import { useAction } from "@/components/actions/use-action";

type Preview =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "ready"; preview: PlanChangePreview }
  | { status: "error"; message: string };

/** Pick a plan and interval, see the prorated charge (or credit) now, confirm. */
export function ChangePlanForm({
  current,
  currency,
  previewAction,
  changeAction,
  onDone,
}: {
  current: { tier: PaidTier; interval: BillingInterval };
  currency: Currency;
  previewAction: BoundAction<PlanChangePreview>;
  changeAction: BoundAction<RedirectData>;
  onDone: () => void;
}) {
  const [tier, setTier] = React.useState<PaidTier>(current.tier);
  const [interval, setBillingInterval] = React.useState<BillingInterval>(current.interval);
  const [preview, setPreview] = React.useState<Preview>({ status: "idle" });
  const latest = React.useRef(0);
  const { formAction, error, pending } = useAction(changeAction, {
    onSuccess: onDone,
    nonce: true,
    followRedirect: true,
  });
  const unchanged = tier === current.tier && interval === current.interval;

  React.useEffect(() => {
    if (unchanged) return;
    // Only the answer to the latest choice is shown.
    const request = ++latest.current;
    const form = new FormData();
    form.set("tier", tier);
    form.set("interval", interval);
    void (async () => {
      setPreview({ status: "loading" });
      const result = await previewAction(IDLE, form);
      if (request !== latest.current) return;
      if (result.status === "success" && result.data) setPreview({ status: "ready", preview: result.data });
      else setPreview({ status: "error", message: result.status === "error" ? result.message : "No preview." });
    })();
  }, [tier, interval, unchanged, previewAction]);

  return (
    <form action={formAction} className="grid gap-5">
      <DialogHeader>
        <DialogTitle>Change plan</DialogTitle>
        <DialogDescription>
          The change takes effect now. Unused time on the current plan is credited and the rest of the period is charged
          at the new price.
        </DialogDescription>
      </DialogHeader>
      <IntervalChoice value={interval} onChange={setBillingInterval} />
      <TierChoice value={tier} onChange={setTier} interval={interval} currency={currency} current={current} />

      <section aria-labelledby="proration-heading" aria-live="polite" className="grid gap-2 rounded-lg border p-4">
        <h3 id="proration-heading" className="text-sm font-semibold">
          Due now
        </h3>
        {unchanged ? (
          <p className="text-sm text-muted-foreground">Choose another plan or interval to see what it costs.</p>
        ) : preview.status === "loading" || preview.status === "idle" ? (
          <p className="flex items-center gap-2 text-sm text-muted-foreground" role="status">
            <Spinner />
            Calculating the prorated amount…
          </p>
        ) : preview.status === "error" ? (
          <FormMessage>{preview.message}</FormMessage>
        ) : (
          <ProrationSummary preview={preview.preview} interval={interval} />
        )}
      </section>

      {error && <FormMessage>{error.fieldErrors?.tier?.join(" ") ?? error.message}</FormMessage>}
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <SubmitButton pendingLabel="Changing plan…" disabled={unchanged || preview.status !== "ready" || pending}>
          Confirm change
        </SubmitButton>
      </DialogFooter>
    </form>
  );
}

function ProrationSummary({ preview, interval }: { preview: PlanChangePreview; interval: BillingInterval }) {
  const money = (minor: number) => formatMoney(minor, preview.currency);
  return (
    <div className="grid gap-3 text-sm">
      <ul className="grid gap-1.5">
        {preview.lines.map((line, index) => (
          <li key={index} className="flex justify-between gap-4">
            <span className="text-muted-foreground">{line.description}</span>
            <span className="tabular-nums">{money(line.amount)}</span>
          </li>
        ))}
      </ul>
      <p className="flex justify-between gap-4 border-t pt-2 font-medium" data-testid="proration-due">
        <span>{preview.dueNow < 0 ? "Credit to your balance" : "Charged now"}</span>
        <span className="tabular-nums">{money(Math.abs(preview.dueNow))}</span>
      </p>
      <p className="text-muted-foreground">
        Then {money(preview.nextAmount)} / {INTERVAL_LABELS[interval].unit}
        {preview.nextBillingAt && <> from {formatDate(preview.nextBillingAt)}</>}.
      </p>
    </div>
  );
}
