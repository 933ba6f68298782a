"use client";
// "New payout": one row per payee (PayPal email, amount in major units, currency, optional tenant
// and note). "Review payout" asks the server to check every field (errors show under their fields)
// and to total the batch per currency; the confirmation shows those totals and "Send payout"
// submits the same form again to create and send the batch.
import * as React from "react";
import { Plus, Send, Trash2 } from "lucide-react";

import { Alert, AlertDescription } from "@/components/ui/alert";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, FormMessage } from "@/components/ui/field";
import { FieldSelect } from "@/components/ui/field-select";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import type { TenantOption } from "@/lib/billing/admin";
import type { PayoutFormResult, PayoutTotal } from "@/lib/billing/admin-payouts";
import { formatMoney, plural } from "@/lib/format";

import { useActionForm, type ServerFormAction } from "../use-action-form";

type Currency = "usd" | "eur";

interface Row {
  key: number;
  receiver: string;
  amount: string;
  currency: Currency;
  note: string;
  tenantId: string;
}

const CURRENCY_OPTIONS = [
  { value: "usd", label: "USD" },
  { value: "eur", label: "EUR" },
];
const NO_TENANT = "none";
const MAX_ROWS = 100;

export function PayoutForm({
  action,
  tenants,
}: {
  action: ServerFormAction<PayoutFormResult>;
  tenants: TenantOption[];
}) {
  const formId = React.useId();
  const nextKey = React.useRef(1);
  const [rows, setRows] = React.useState<Row[]>([
    { key: 0, receiver: "", amount: "", currency: "usd", note: "", tenantId: "" },
  ]);
  const [note, setNote] = React.useState("");
  const [review, setReview] = React.useState<PayoutTotal[] | null>(null);
  const form = useActionForm(action, {
    onSuccess: (state) => {
      if (state.data?.stage === "review") {
        setReview(state.data.totals);
        return;
      }
      setReview(null);
      setNote("");
      setRows([{ key: nextKey.current++, receiver: "", amount: "", currency: "usd", note: "", tenantId: "" }]);
    },
  });
  // A send that failed closes the confirmation so the errors in the form can be read.
  const [seenSeq, setSeenSeq] = React.useState(0);
  if ((form.state.seq ?? 0) !== seenSeq) {
    setSeenSeq(form.state.seq ?? 0);
    if (form.state.status === "error") setReview(null);
  }

  const update = (key: number, patch: Partial<Row>) =>
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const add = () =>
    setRows((current) => [
      ...current,
      {
        key: nextKey.current++,
        receiver: "",
        amount: "",
        currency: current.at(-1)?.currency ?? "usd",
        note: "",
        tenantId: "",
      },
    ]);
  const remove = (key: number) => setRows((current) => current.filter((row) => row.key !== key));
  const tenantOptions = React.useMemo(
    () => [{ value: NO_TENANT, label: "No tenant" }, ...tenants.map((t) => ({ value: t.id, label: t.name }))],
    [tenants],
  );
  const itemsError = form.fieldError("items");
  const submit = useSubmit(form.formAction, form.pending);

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
          <ol className="grid gap-4">
            {rows.map((row, index) => (
              <li key={row.key}>
                <fieldset className="grid gap-3 rounded-lg border p-4 sm:grid-cols-2 lg:grid-cols-[2fr_1fr_7rem_1.5fr_1.5fr_auto] lg:items-start">
                  <legend className="px-1 text-sm font-medium">Payee {index + 1}</legend>
                  <Field
                    label={<PayeeLabel index={index} text="PayPal email" />}
                    name={`items.${index}.receiver`}
                    id={`payout-${row.key}-receiver`}
                    required
                    error={form.fieldError(`items.${index}.receiver`)}
                  >
                    {(props) => (
                      <Input
                        {...props}
                        type="email"
                        autoComplete="off"
                        value={row.receiver}
                        onChange={(e) => update(row.key, { receiver: e.target.value })}
                      />
                    )}
                  </Field>
                  <Field
                    label={<PayeeLabel index={index} text="Amount" />}
                    name={`items.${index}.amount`}
                    id={`payout-${row.key}-amount`}
                    required
                    error={form.fieldError(`items.${index}.amount`)}
                  >
                    {(props) => (
                      <Input
                        {...props}
                        inputMode="decimal"
                        placeholder="25.00"
                        className="tabular-nums"
                        value={row.amount}
                        onChange={(e) => update(row.key, { amount: e.target.value })}
                      />
                    )}
                  </Field>
                  <Field
                    label={<PayeeLabel index={index} text="Currency" />}
                    name={`items.${index}.currency`}
                    id={`payout-${row.key}-currency`}
                    error={form.fieldError(`items.${index}.currency`)}
                  >
                    {(field) => (
                      <FieldSelect
                        field={field}
                        options={CURRENCY_OPTIONS}
                        value={row.currency}
                        onValueChange={(value) => update(row.key, { currency: value as Currency })}
                      />
                    )}
                  </Field>
                  <Field
                    label={<PayeeLabel index={index} text="Tenant (optional)" />}
                    name={`tenant-picker-${row.key}`}
                    id={`payout-${row.key}-tenant`}
                    error={form.fieldError(`items.${index}.tenantId`)}
                  >
                    {(field) => (
                      <>
                        <FieldSelect
                          field={{ ...field, name: "" }}
                          options={tenantOptions}
                          value={row.tenantId || NO_TENANT}
                          onValueChange={(value) => update(row.key, { tenantId: value === NO_TENANT ? "" : value })}
                        />
                        <input type="hidden" name={`items.${index}.tenantId`} value={row.tenantId} />
                      </>
                    )}
                  </Field>
                  <Field
                    label={<PayeeLabel index={index} text="Note (optional)" />}
                    name={`items.${index}.note`}
                    id={`payout-${row.key}-note`}
                    error={form.fieldError(`items.${index}.note`)}
                  >
                    {(props) => (
                      <Input
                        {...props}
                        maxLength={200}
                        value={row.note}
                        onChange={(e) => update(row.key, { note: e.target.value })}
                      />
                    )}
                  </Field>
                  <Button
                    type="button"
                    variant="ghost"
                    size="icon"
                    className="self-end lg:mt-7"
                    onClick={() => remove(row.key)}
                    disabled={rows.length === 1}
                    aria-label={`Remove payee ${index + 1}`}
                  >
                    <Trash2 aria-hidden />
                  </Button>
                </fieldset>
              </li>
            ))}
          </ol>
          <div className="flex flex-wrap gap-3">
            <Button type="button" variant="outline" onClick={add} disabled={rows.length >= MAX_ROWS}>
              <Plus aria-hidden />
              Add payee
            </Button>
          </div>
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
          <FormMessage>{itemsError?.join(" ") ?? form.formError}</FormMessage>
          <PendingButton
            className="justify-self-start"
            name="intent"
            value="review"
            pending={form.pending}
            pendingLabel="Checking…"
          >
            Review payout
          </PendingButton>
        </form>
        <ConfirmPayout
          formId={formId}
          totals={review}
          pending={form.pending}
          onCancel={() => setReview(null)}
          payees={rows.length}
        />
      </CardContent>
    </Card>
  );
}

/**
 * Submits through the action without React's automatic reset of the form afterwards (which would
 * also snap the Radix selects back to their first value): the fields are state, kept across tries.
 */
function useSubmit(formAction: (data: FormData) => void, pending: boolean) {
  return (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    React.startTransition(() => formAction(data));
  };
}

function PendingButton({
  pending,
  pendingLabel,
  children,
  ...props
}: React.ComponentProps<typeof Button> & { pending: boolean; pendingLabel: string }) {
  return (
    <Button type="submit" disabled={pending} aria-busy={pending || undefined} {...props}>
      {pending ? (
        <>
          <Spinner />
          {pendingLabel}
        </>
      ) : (
        children
      )}
    </Button>
  );
}

function PayeeLabel({ index, text }: { index: number; text: string }) {
  return (
    <>
      <span className="sr-only">Payee {index + 1} </span>
      {text}
    </>
  );
}

function ConfirmPayout({
  formId,
  totals,
  pending,
  payees,
  onCancel,
}: {
  formId: string;
  totals: PayoutTotal[] | null;
  pending: boolean;
  payees: number;
  onCancel: () => void;
}) {
  const mixed = (totals?.length ?? 0) > 1;
  return (
    <AlertDialog open={totals !== null} onOpenChange={(open) => !open && !pending && onCancel()}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Send this payout?</AlertDialogTitle>
          <AlertDialogDescription>
            {plural(payees, "payee")} will be paid. Money sent through PayPal cannot be taken back from here.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <ul className="grid gap-2" aria-label="Total per currency">
          {totals?.map((total) => (
            <li key={total.currency} className="flex items-baseline justify-between rounded-md border px-3 py-2">
              <span className="text-sm text-muted-foreground">
                {total.currency.toUpperCase()} · {plural(total.items, "payee")}
              </span>
              <span className="text-lg font-semibold tabular-nums">{formatMoney(total.total, total.currency)}</span>
            </li>
          ))}
        </ul>
        {mixed && (
          <Alert variant="warning">
            <AlertDescription>
              A batch pays in one currency. Send one batch per currency: remove the other payees first.
            </AlertDescription>
          </Alert>
        )}
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>Cancel</AlertDialogCancel>
          {/* Submits the payout form (it lives outside this dialog's portal) with intent=send. */}
          <Button
            type="submit"
            form={formId}
            name="intent"
            value="send"
            disabled={pending || mixed}
            aria-busy={pending || undefined}
          >
            {pending ? <Spinner /> : <Send aria-hidden />}
            {pending ? "Sending…" : "Send payout"}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
