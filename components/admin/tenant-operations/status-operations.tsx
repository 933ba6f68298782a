"use client";
// The operator's status changes for one tenant: suspend (with the reason members see), reactivate,
// delete (restorable for 30 days) and restore, each behind a confirmation dialog whose confirm
// button posts the operator action and closes on success only.
import * as React from "react";
import { Ban, RotateCcw, Trash2 } from "lucide-react";

import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, FormMessage } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import { formatDate } from "@/lib/format";
import { deleteTenantAction, reactivateTenantAction, suspendTenantAction } from "@/app/admin/actions";
import { useAction } from "@/components/actions/use-action";
import type { BoundAction } from "@/components/workspace/action-types";

import { useDialogSession } from "../use-dialog-session";
import { TenantIdField, type OperableTenant } from "./tenant";

/** A confirmation dialog whose confirm button submits an operator action; closes on success only. */
function ActionDialog({
  trigger,
  title,
  description,
  confirmLabel,
  pendingLabel,
  destructive = false,
  action,
  tenantId,
  children,
}: {
  trigger: React.ReactElement;
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  destructive?: boolean;
  action: BoundAction<unknown>;
  tenantId: string;
  children?: (form: ReturnType<typeof useAction<unknown>>) => React.ReactNode;
}) {
  const dialog = useDialogSession();
  return (
    <AlertDialog open={dialog.open} onOpenChange={dialog.onOpenChange}>
      <AlertDialogTrigger asChild>{trigger}</AlertDialogTrigger>
      <AlertDialogContent>
        <ActionDialogForm
          key={dialog.session}
          title={title}
          description={description}
          confirmLabel={confirmLabel}
          pendingLabel={pendingLabel}
          destructive={destructive}
          action={action}
          tenantId={tenantId}
          onSuccess={() => dialog.setOpen(false)}
        >
          {children}
        </ActionDialogForm>
      </AlertDialogContent>
    </AlertDialog>
  );
}

function ActionDialogForm({
  title,
  description,
  confirmLabel,
  pendingLabel,
  destructive,
  action,
  tenantId,
  onSuccess,
  children,
}: {
  title: string;
  description: React.ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  destructive: boolean;
  action: BoundAction<unknown>;
  tenantId: string;
  onSuccess: () => void;
  children?: (form: ReturnType<typeof useAction<unknown>>) => React.ReactNode;
}) {
  const form = useAction(action, { onSuccess });
  return (
    <form action={form.formAction} className="grid gap-4" noValidate>
      <AlertDialogHeader>
        <AlertDialogTitle>{title}</AlertDialogTitle>
        <AlertDialogDescription asChild>
          <div className="grid gap-2">{description}</div>
        </AlertDialogDescription>
      </AlertDialogHeader>
      <TenantIdField id={tenantId} />
      {children?.(form)}
      <FormMessage>{form.formError}</FormMessage>
      <AlertDialogFooter>
        <AlertDialogCancel disabled={form.pending}>Cancel</AlertDialogCancel>
        <SubmitButton variant={destructive ? "destructive" : "default"} pendingLabel={pendingLabel}>
          {confirmLabel}
        </SubmitButton>
      </AlertDialogFooter>
    </form>
  );
}

export function StatusOperations({ tenant, purgeIfDeletedNow }: { tenant: OperableTenant; purgeIfDeletedNow: string }) {
  const reactivate = (
    <ActionDialog
      trigger={
        <Button variant={tenant.status === "DELETED" ? "default" : "outline"}>
          <RotateCcw aria-hidden />
          {tenant.status === "DELETED" ? "Restore tenant" : "Reactivate"}
        </Button>
      }
      title={tenant.status === "DELETED" ? `Restore ${tenant.name}?` : `Reactivate ${tenant.name}?`}
      description={
        tenant.status === "DELETED"
          ? "The tenant becomes active again with all its data, and its members regain access."
          : "Members regain access to the workspace at once."
      }
      confirmLabel={tenant.status === "DELETED" ? "Restore" : "Reactivate"}
      pendingLabel={tenant.status === "DELETED" ? "Restoring…" : "Reactivating…"}
      action={reactivateTenantAction}
      tenantId={tenant.id}
    />
  );

  const suspend = (
    <ActionDialog
      trigger={
        <Button variant="outline">
          <Ban aria-hidden />
          Suspend
        </Button>
      }
      title={`Suspend ${tenant.name}?`}
      description="Members can still sign in and see the workspace, but it is read-only until you reactivate it. Give the reason they will see."
      confirmLabel="Suspend tenant"
      pendingLabel="Suspending…"
      destructive
      action={suspendTenantAction}
      tenantId={tenant.id}
    >
      {(form) => (
        <Field
          label="Reason"
          name="reason"
          id="suspend-reason"
          required
          error={form.fieldError("reason")}
          description="3 to 300 characters."
        >
          {(props) => <Textarea {...props} defaultValue={form.value("reason")} maxLength={300} rows={3} />}
        </Field>
      )}
    </ActionDialog>
  );

  const remove = (
    <ActionDialog
      trigger={
        <Button variant="destructive">
          <Trash2 aria-hidden />
          Delete tenant
        </Button>
      }
      title={`Delete ${tenant.name}?`}
      description={
        <>
          <span>The tenant disappears and nobody can open its workspace from now on.</span>
          <span>
            Nothing is erased yet: for 30 days you can restore it from this page. After{" "}
            <strong className="font-medium text-foreground">{formatDate(purgeIfDeletedNow)}</strong> the next purge
            removes it and all its data for good.
          </span>
        </>
      }
      confirmLabel="Delete tenant"
      pendingLabel="Deleting…"
      destructive
      action={deleteTenantAction}
      tenantId={tenant.id}
    />
  );

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h3">Status</CardTitle>
        <CardDescription>
          {tenant.status === "ACTIVE"
            ? "Suspend to make the workspace read-only, or delete it (restorable for 30 days)."
            : tenant.status === "SUSPENDED"
              ? "Reactivate to give members full access again, or delete the tenant (restorable for 30 days)."
              : `Deleted. It can be restored until ${tenant.purgeAfter ? formatDate(tenant.purgeAfter) : "the purge"}; after that it is purged for good.`}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap gap-2">
        {tenant.status === "ACTIVE" && (
          <>
            {suspend}
            {remove}
          </>
        )}
        {tenant.status === "SUSPENDED" && (
          <>
            {reactivate}
            {remove}
          </>
        )}
        {tenant.status === "DELETED" && reactivate}
      </CardContent>
    </Card>
  );
}
