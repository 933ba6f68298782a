"use client";
// The operator's changes to one tenant: edit, tier, trial, suspend/reactivate, delete/restore.
// Each form posts to an operator server action; field errors show under their fields, other
// errors above the buttons, and success toasts (the page re-renders with the new state).
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
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { Textarea } from "@/components/ui/textarea";
import type { TenantStatus, Tier } from "@/lib/db/generated/enums";
import { formatDate } from "@/lib/format";
import { TIER_DEFINITIONS, TIERS } from "@/lib/tenancy/tiers";

import {
  changeTierAction,
  deleteTenantAction,
  extendTrialAction,
  reactivateTenantAction,
  suspendTenantAction,
  updateTenantAction,
} from "@/app/admin/actions";

import { TierSelect } from "./tier-select";
import { useAction } from "@/components/actions/use-action";
import type { BoundAction } from "@/components/workspace/action-types";
import { useDialogSession } from "./use-dialog-session";

export interface OperableTenant {
  id: string;
  name: string;
  slug: string;
  tier: Tier;
  trialTier: Tier | null;
  trialEndsAt: string | null;
  trialing: boolean;
  /** A provider trial on a subscription (checkout carried the remaining days over), else null. */
  subscriptionTrialEndsAt: string | null;
  status: TenantStatus;
  purgeAfter: string | null;
}

const TRIAL_TIERS = TIERS.filter((tier) => tier !== "FREE");

function TenantIdField({ id }: { id: string }) {
  return <input type="hidden" name="tenantId" value={id} />;
}

export function EditTenantForm({ tenant }: { tenant: OperableTenant }) {
  const form = useAction(updateTenantAction);
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h3">Name and URL</CardTitle>
        <CardDescription>Changing the slug moves the workspace to a new URL; old links stop working.</CardDescription>
      </CardHeader>
      <CardContent>
        <form action={form.formAction} className="grid gap-4" noValidate>
          <TenantIdField id={tenant.id} />
          <Field label="Name" name="name" id="edit-name" required error={form.fieldError("name")}>
            {(props) => <Input {...props} defaultValue={form.value("name", tenant.name)} maxLength={80} />}
          </Field>
          <Field label="URL slug" name="slug" id="edit-slug" required error={form.fieldError("slug")}>
            {(props) => (
              <Input
                {...props}
                defaultValue={form.value("slug", tenant.slug)}
                className="font-mono"
                autoCapitalize="none"
                spellCheck={false}
                maxLength={40}
              />
            )}
          </Field>
          <FormMessage>{form.formError}</FormMessage>
          <SubmitButton className="justify-self-start" pendingLabel="Saving…">
            Save changes
          </SubmitButton>
        </form>
      </CardContent>
    </Card>
  );
}

export function ChangeTierForm({ tenant }: { tenant: OperableTenant }) {
  const form = useAction(changeTierAction);
  const [tier, setTier] = React.useState<Tier>(tenant.tier);
  // The tier changed elsewhere (after this form saved, the page re-renders with it).
  const [known, setKnown] = React.useState(tenant.tier);
  if (known !== tenant.tier) {
    setKnown(tenant.tier);
    setTier(tenant.tier);
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h3">Paid tier</CardTitle>
        <CardDescription>
          The tier the tenant pays for, currently {TIER_DEFINITIONS[tenant.tier].label}. Billing normally sets it; a
          change here charges nothing.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form action={form.formAction} className="grid gap-4" noValidate>
          <TenantIdField id={tenant.id} />
          <Field label="Tier" name="tier" id="change-tier" error={form.fieldError("tier")}>
            {(field) => <TierSelect field={field} value={tier} onValueChange={setTier} current={tenant.tier} />}
          </Field>
          <FormMessage>{form.formError}</FormMessage>
          <SubmitButton className="justify-self-start" disabled={tier === tenant.tier} pendingLabel="Changing…">
            Change tier
          </SubmitButton>
        </form>
      </CardContent>
    </Card>
  );
}

export function ExtendTrialForm({ tenant }: { tenant: OperableTenant }) {
  const form = useAction(extendTrialAction);
  const [tier, setTier] = React.useState<Tier>(
    tenant.trialTier && tenant.trialTier !== "FREE" ? tenant.trialTier : "PROFESSIONAL",
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h3">Trial</CardTitle>
        <CardDescription>
          {tenant.trialing && tenant.trialEndsAt
            ? `A ${TIER_DEFINITIONS[tenant.trialTier ?? "PROFESSIONAL"].label} trial runs until ${formatDate(tenant.trialEndsAt)}; the days are added to that date.`
            : tenant.subscriptionTrialEndsAt
              ? `The workspace subscribed during its trial: the subscription's trial runs until ${formatDate(tenant.subscriptionTrialEndsAt)}. A trial started here lifts the tier from today.`
              : tenant.trialEndsAt
                ? `The last trial ended on ${formatDate(tenant.trialEndsAt)}; a new one starts today.`
                : "No trial so far; a new one starts today."}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form action={form.formAction} className="grid gap-4" noValidate>
          <TenantIdField id={tenant.id} />
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              label="Days"
              name="days"
              id="trial-days"
              required
              error={form.fieldError("days")}
              description="1 to 90 days."
            >
              {(props) => (
                <Input
                  {...props}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={90}
                  step={1}
                  defaultValue={form.value("days", "14")}
                />
              )}
            </Field>
            <Field label="Trial tier" name="tier" id="trial-tier" error={form.fieldError("tier")}>
              {(field) => <TierSelect field={field} value={tier} onValueChange={setTier} tiers={TRIAL_TIERS} />}
            </Field>
          </div>
          <FormMessage>{form.formError}</FormMessage>
          <SubmitButton className="justify-self-start" pendingLabel="Saving…">
            {tenant.trialing ? "Extend trial" : "Start trial"}
          </SubmitButton>
        </form>
      </CardContent>
    </Card>
  );
}

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
