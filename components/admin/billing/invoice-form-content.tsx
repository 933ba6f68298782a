"use client";
// The "New invoice" form, loaded with the dialog's first use (./invoice-form.tsx): a one-off
// invoice for a tenant (tenant, currency, lines, days until due, memo).
// "Review" has the server check and price it; the review replaces the fields (which stay in the
// form, hidden) until "Create invoice" submits again. The nonce rendered with the page is the
// idempotency key: submitting twice creates one invoice; each created invoice brings a new nonce.
import * as React from "react";
import { ArrowLeft } from "lucide-react";

import { CURRENCY_OPTIONS } from "@/components/billing/billing-format";
import { Button } from "@/components/ui/button";
import { DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field, FormMessage } from "@/components/ui/field";
import { FieldSelect } from "@/components/ui/field-select";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import type { TenantOption } from "@/lib/billing/admin";
import type { OneOffInvoiceReview } from "@/lib/billing/one-off-invoices";
import { formatDate, formatMoney } from "@/lib/format";

import type { InvoiceFormResult } from "@/app/admin/billing/invoices/actions";

import { useAction } from "@/components/actions/use-action";
import type { BoundAction } from "@/components/workspace/action-types";
import { PendingButton, useReviewStep, useStatefulSubmit } from "./review-form";
import { AMOUNT_INPUT, RowEditor, useRows } from "./row-editor";

interface Line {
  description: string;
  quantity: string;
  unitPrice: string;
}

const blankLine = (): Line => ({ description: "", quantity: "1", unitPrice: "" });
const MAX_LINES = 20;

/** The "New invoice" dialog's form (./invoice-form.tsx opens it). */
export function InvoiceForm({
  action,
  tenants,
  nonce,
  onCreated,
}: {
  action: BoundAction<InvoiceFormResult>;
  tenants: TenantOption[];
  nonce: string;
  onCreated: (nextNonce: string) => void;
}) {
  const [tenantId, setTenantId] = React.useState("");
  const [currency, setCurrency] = React.useState("usd");
  const lines = useRows<Line>(blankLine);
  const [days, setDays] = React.useState("30");
  const [memo, setMemo] = React.useState("");
  const form = useAction(action, {
    onSuccess: (state) => {
      if (state.data?.stage === "review") setReview(state.data.review ?? null);
      else if (state.data?.nextNonce) onCreated(state.data.nextNonce);
    },
  });
  const [review, setReview] = useReviewStep<OneOffInvoiceReview>(form);
  const submit = useStatefulSubmit(form);
  const tenantOptions = React.useMemo(
    () => tenants.map((t) => ({ value: t.id, label: `${t.name} (${t.slug})` })),
    [tenants],
  );

  return (
    <form onSubmit={submit} className="grid gap-4" noValidate>
      <DialogHeader>
        <DialogTitle>{review ? "Create this invoice?" : "New invoice"}</DialogTitle>
        <DialogDescription>
          {review
            ? `It is issued to ${review.tenantName} at once${review.provider === "STRIPE" ? " and sent by Stripe" : ""}.`
            : "A one-off invoice, e.g. a setup fee or consulting days. You review the total before it is created."}
        </DialogDescription>
      </DialogHeader>
      <input type="hidden" name="nonce" value={nonce} />

      {review && <InvoiceReview review={review} />}

      <div hidden={review !== null} className="grid gap-4">
        <div className="grid gap-4 sm:grid-cols-[2fr_1fr_1fr]">
          <Field label="Tenant" name="tenantId" id="invoice-tenant" required error={form.fieldError("tenantId")}>
            {(field) => (
              <FieldSelect
                field={field}
                options={tenantOptions}
                value={tenantId}
                onValueChange={setTenantId}
                placeholder="Choose a tenant"
              />
            )}
          </Field>
          <Field label="Currency" name="currency" id="invoice-currency" error={form.fieldError("currency")}>
            {(field) => (
              <FieldSelect field={field} options={CURRENCY_OPTIONS} value={currency} onValueChange={setCurrency} />
            )}
          </Field>
          <Field label="Days until due" name="daysUntilDue" id="invoice-days" error={form.fieldError("daysUntilDue")}>
            {(props) => (
              <Input
                {...props}
                type="number"
                inputMode="numeric"
                min={0}
                max={90}
                value={days}
                onChange={(e) => setDays(e.target.value)}
              />
            )}
          </Field>
        </div>
        <fieldset className="grid gap-3">
          <legend className="mb-1 text-sm font-medium">Lines</legend>
          <RowEditor
            rows={lines}
            noun="Line"
            name="lines"
            fieldError={form.fieldError}
            max={MAX_LINES}
            className="sm:grid-cols-[3fr_1fr_1.5fr_auto] sm:items-start"
            removeClassName="sm:mt-7"
          >
            {(_, { input }) => (
              <>
                {input("description", "Description", { required: true, maxLength: 200 })}
                {input("quantity", "Quantity", {
                  required: true,
                  type: "number",
                  inputMode: "numeric",
                  min: 1,
                  step: 1,
                })}
                {input("unitPrice", `Unit price (${currency.toUpperCase()})`, {
                  required: true,
                  placeholder: "120.00",
                  ...AMOUNT_INPUT,
                })}
              </>
            )}
          </RowEditor>
        </fieldset>
        <Field
          label="Memo (optional)"
          name="memo"
          id="invoice-memo"
          error={form.fieldError("memo")}
          description="Recorded with the invoice in the tenant's audit log."
        >
          {(props) => (
            <Textarea {...props} rows={2} maxLength={500} value={memo} onChange={(e) => setMemo(e.target.value)} />
          )}
        </Field>
      </div>

      <FormMessage>{form.fieldError("lines")?.join(" ") ?? form.formError}</FormMessage>
      <DialogFooter>
        {review ? (
          <>
            <Button type="button" variant="outline" onClick={() => setReview(null)} disabled={form.pending}>
              <ArrowLeft aria-hidden />
              Back to edit
            </Button>
            <PendingButton name="intent" value="send" pending={form.pending} pendingLabel="Creating…">
              Create invoice
            </PendingButton>
          </>
        ) : (
          <PendingButton name="intent" value="review" pending={form.pending} pendingLabel="Checking…">
            Review invoice
          </PendingButton>
        )}
      </DialogFooter>
    </form>
  );
}

function InvoiceReview({ review }: { review: OneOffInvoiceReview }) {
  return (
    <div className="grid gap-3 rounded-lg border p-4">
      <table className="w-full text-sm">
        <caption className="sr-only">Invoice lines</caption>
        <thead className="text-left text-muted-foreground">
          <tr>
            <th scope="col" className="pb-2 font-medium">
              Description
            </th>
            <th scope="col" className="pb-2 text-right font-medium">
              Qty
            </th>
            <th scope="col" className="pb-2 text-right font-medium">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {review.lines.map((line, index) => (
            <tr key={index} className="border-t">
              <td className="py-2">{line.description}</td>
              <td className="py-2 text-right tabular-nums">{line.quantity}</td>
              <td className="py-2 text-right tabular-nums">{formatMoney(line.amount, review.currency)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t font-semibold">
            <th scope="row" colSpan={2} className="pt-2 text-left">
              Total
            </th>
            <td className="pt-2 text-right tabular-nums">{formatMoney(review.total, review.currency)}</td>
          </tr>
        </tfoot>
      </table>
      <p className="text-sm text-muted-foreground">Due {formatDate(review.dueAt)}.</p>
    </div>
  );
}
