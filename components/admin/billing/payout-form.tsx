"use client";
// "New payout": one row per payee (PayPal email, amount in major units, currency, optional tenant
// and note). "Review payout" asks the server to check every field (errors show under their fields)
// and to total the batch per currency; the confirmation shows those totals and "Send payout"
// submits the same form again to create and send the batch. Every submission carries the form's
// nonce until a batch is sent, so a double submit (or a retry after a lost answer) sends once.
import * as React from "react";

import { CURRENCY_OPTIONS } from "@/components/billing/billing-format";
import { newNonce } from "@/components/actions/use-action";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, FormMessage } from "@/components/ui/field";
import { FieldSelect } from "@/components/ui/field-select";
import { Input } from "@/components/ui/input";
import type { TenantOption } from "@/lib/billing/admin";
import { useOnDemand } from "@/components/ui/use-on-demand";
import type { PayoutFormResult, PayoutTotal } from "@/lib/billing/admin-payouts";

import { useAction } from "@/components/actions/use-action";
import type { BoundAction } from "@/components/workspace/action-types";
import { PendingButton, useReviewStep, useStatefulSubmit } from "./review-form";
import { AMOUNT_INPUT, RowEditor, useRows } from "./row-editor";

interface Payee {
  receiver: string;
  amount: string;
  currency: string;
  note: string;
  tenantId: string;
}

/** A new payee row pays in the currency of the row above it. */
const blankPayee = (last: Payee | undefined): Payee => ({
  receiver: "",
  amount: "",
  currency: last?.currency ?? "usd",
  note: "",
  tenantId: "",
});
const NO_TENANT = "none";
// The confirmation (Radix AlertDialog) loads with the first review, prefetched when the pointer
// comes over "Review payout" or it gets focus: it is not part of the page's first download.
const loadConfirm = () => import("./payout-confirm").then((m) => m.ConfirmPayout);
const MAX_ROWS = 100;

export function PayoutForm({ action, tenants }: { action: BoundAction<PayoutFormResult>; tenants: TenantOption[] }) {
  const formId = React.useId();
  const payees = useRows<Payee>(blankPayee);
  const [note, setNote] = React.useState("");
  // The idempotency key of the batch being prepared: kept until a send succeeds.
  const nonce = React.useRef<string | null>(null);
  const confirm = useOnDemand(loadConfirm);
  const warmConfirm = () => void confirm.prefetch().catch(() => undefined); // open() reports a failure
  const form = useAction(action, {
    onSuccess: (state) => {
      if (state.data?.stage === "review") {
        setReview(state.data.totals);
        confirm.open();
        return;
      }
      nonce.current = null;
      setReview(null);
      setNote("");
      payees.reset();
    },
  });
  const [review, setReview] = useReviewStep<PayoutTotal[]>(form);
  const tenantOptions = React.useMemo(
    () => [{ value: NO_TENANT, label: "No tenant" }, ...tenants.map((t) => ({ value: t.id, label: t.name }))],
    [tenants],
  );
  const submit = useStatefulSubmit(form, (data) => {
    nonce.current ??= newNonce();
    data.set("nonce", nonce.current);
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">New payout</CardTitle>
        <CardDescription>
          Amounts are in dollars or euros (e.g. 25 or 25.50). You will see the total per currency before anything is
          sent.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form id={formId} onSubmit={submit} className="grid gap-5" noValidate>
          <RowEditor
            rows={payees}
            noun="Payee"
            name="items"
            fieldError={form.fieldError}
            max={MAX_ROWS}
            legendClassName="px-1 text-sm font-medium"
            className="p-4 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_7rem_1.5fr_1.5fr_auto] lg:items-start"
            removeClassName="lg:mt-7"
          >
            {(row, { field, input, update }) => (
              <>
                {input("receiver", "PayPal email", { required: true, type: "email", autoComplete: "off" })}
                {input("amount", "Amount", { required: true, placeholder: "25.00", ...AMOUNT_INPUT })}
                <Field {...field("currency", "Currency")}>
                  {(props) => (
                    <FieldSelect
                      field={props}
                      options={CURRENCY_OPTIONS}
                      value={row.currency}
                      onValueChange={(currency) => update({ currency })}
                    />
                  )}
                </Field>
                <Field {...field("tenantId", "Tenant (optional)")}>
                  {({ name, ...props }) => (
                    <>
                      {/* The select posts nothing: "No tenant" must reach the server as an empty value. */}
                      <FieldSelect
                        field={{ ...props, name: "" }}
                        options={tenantOptions}
                        value={row.tenantId || NO_TENANT}
                        onValueChange={(value) => update({ tenantId: value === NO_TENANT ? "" : value })}
                      />
                      <input type="hidden" name={name} value={row.tenantId} />
                    </>
                  )}
                </Field>
                {input("note", "Note (optional)", { maxLength: 200 })}
              </>
            )}
          </RowEditor>
          <Field label="Batch note (optional)" name="note" id="payout-note" error={form.fieldError("note")}>
            {(props) => (
              <Input
                {...props}
                maxLength={200}
                placeholder="Shown to every payee, e.g. Partner fees for October"
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
            )}
          </Field>
          <FormMessage>{form.fieldError("items")?.join(" ") ?? form.formError}</FormMessage>
          <PendingButton
            className="justify-self-start"
            name="intent"
            value="review"
            pending={form.pending}
            pendingLabel="Checking…"
            onPointerEnter={warmConfirm}
            onFocus={warmConfirm}
          >
            Review payout
          </PendingButton>
        </form>
        {confirm.Component && (
          <confirm.Component
            formId={formId}
            totals={review}
            pending={form.pending}
            onCancel={() => setReview(null)}
            payees={payees.rows.length}
          />
        )}
      </CardContent>
    </Card>
  );
}
