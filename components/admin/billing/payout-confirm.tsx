"use client";
// The payout's confirmation (./payout-form.tsx loads it with the first review): the totals per
// currency, and "Send payout", which submits the payout form again with intent=send.
import { Send } from "lucide-react";

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
import type { PayoutTotal } from "@/lib/billing/admin-payouts";
import { formatMoney, plural } from "@/lib/format";

import { PendingButton } from "./review-form";

export function ConfirmPayout({
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
          <PendingButton
            form={formId}
            name="intent"
            value="send"
            disabled={mixed}
            pending={pending}
            pendingLabel="Sending…"
          >
            <Send aria-hidden />
            Send payout
          </PendingButton>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
