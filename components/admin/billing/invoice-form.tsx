"use client";
// "New invoice": the button, and the dialog with the invoice form (./invoice-form-content.tsx),
// both loaded on the first click (prefetched on pointer-over or focus).
import * as React from "react";
import { FilePlus2 } from "lucide-react";

import { Button } from "@/components/ui/button";
import { FormDialog } from "@/components/ui/form-dialog";
import type { TenantOption } from "@/lib/billing/admin";

import type { InvoiceFormResult } from "@/app/admin/billing/invoices/actions";

import type { BoundAction } from "@/components/workspace/action-types";

const loadForm = () => import("./invoice-form-content").then((m) => m.InvoiceForm);

export function NewInvoiceDialog({
  action,
  tenants,
  nonce,
}: {
  action: BoundAction<InvoiceFormResult>;
  tenants: TenantOption[];
  nonce: string;
}) {
  // The nonce outlives a dialog session: only a created invoice replaces it.
  const [currentNonce, setCurrentNonce] = React.useState(nonce);
  return (
    <FormDialog
      trigger={
        <Button>
          <FilePlus2 aria-hidden />
          New invoice
        </Button>
      }
      load={loadForm}
      className="sm:max-w-3xl"
    >
      {(InvoiceForm, { session, close }) => (
        <InvoiceForm
          key={session}
          action={action}
          tenants={tenants}
          nonce={currentNonce}
          onCreated={(next) => {
            setCurrentNonce(next);
            close();
          }}
        />
      )}
    </FormDialog>
  );
}
