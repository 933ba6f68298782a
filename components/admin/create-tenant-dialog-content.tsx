"use client";
// The operator's "Create tenant" dialog, loaded with the first click on its button
// (./create-tenant-dialog.tsx): Radix Dialog and the form are not in the page's first download.

import * as React from "react";
import Link from "next/link";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Field, FormMessage } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import type { Tier } from "@/lib/db/generated/enums";
import { formatDate } from "@/lib/format";
import { TIER_DEFINITIONS, TRIAL_DAYS } from "@/lib/tenancy/tiers";

import type { CreatedTenantResult } from "@/app/admin/actions";

import { CopyField } from "./copy-field";
import { TierSelect } from "./tier-select";
import { useAction } from "@/components/actions/use-action";
import type { BoundAction } from "@/components/workspace/action-types";
import { useDialogSession } from "./use-dialog-session";

/** "Acme Bakery, Inc." → "acme-bakery-inc" (the form's suggestion until the slug is edited). */
function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
}

/** Rendered already open, in place of the button that was clicked (`trigger`, the same button). */
export function CreateTenantDialogContent({
  action,
  trigger,
}: {
  action: BoundAction<CreatedTenantResult>;
  trigger: React.ReactElement;
}) {
  const dialog = useDialogSession(true);
  return (
    <Dialog open={dialog.open} onOpenChange={dialog.onOpenChange}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className="sm:max-w-xl">
        <CreateTenantForm
          key={dialog.session}
          action={action}
          onDone={() => dialog.setOpen(false)}
          onAnother={dialog.renew}
        />
      </DialogContent>
    </Dialog>
  );
}

function CreateTenantForm({
  action,
  onDone,
  onAnother,
}: {
  action: BoundAction<CreatedTenantResult>;
  onDone: () => void;
  onAnother: () => void;
}) {
  const form = useAction(action);
  const [name, setName] = React.useState("");
  const [slug, setSlug] = React.useState("");
  const [slugEdited, setSlugEdited] = React.useState(false);
  const [tier, setTier] = React.useState<Tier>("FREE");
  const [trial, setTrial] = React.useState(true);

  if (form.state.status === "success" && form.state.data) {
    const created = form.state.data;
    return (
      <>
        <DialogHeader>
          <DialogTitle>Tenant created</DialogTitle>
          <DialogDescription>
            {created.name} is at <span className="font-mono">/t/{created.slug}</span>.
          </DialogDescription>
        </DialogHeader>
        {created.invitation ? (
          <div className="grid gap-4">
            <Alert variant={created.invitation.emailed ? "success" : "info"}>
              <AlertTitle>Owner invitation for {created.invitation.email}</AlertTitle>
              <AlertDescription>
                {created.invitation.emailed
                  ? "No account with this verified address exists, so an invitation was emailed. You can also pass the link on yourself."
                  : "No account with this verified address exists, so an invitation was created. Email is not configured (SMTP_URL is unset): copy the link and send it to the owner."}
              </AlertDescription>
            </Alert>
            <CopyField
              label="Invitation link"
              value={created.invitation.link}
              description={`Valid until ${formatDate(created.invitation.expiresAt)}. It is shown only now; a new invitation replaces it.`}
            />
          </div>
        ) : (
          <Alert variant="success">
            <AlertTitle>The owner was added</AlertTitle>
            <AlertDescription>
              The owner already had an account with this verified address and can open the workspace now.
            </AlertDescription>
          </Alert>
        )}
        <DialogFooter>
          <Button type="button" variant="outline" onClick={onAnother}>
            Create another
          </Button>
          <Button asChild variant="outline">
            <Link href={`/admin/tenants/${created.id}`} onClick={onDone}>
              Open tenant
            </Link>
          </Button>
          <Button type="button" onClick={onDone}>
            Done
          </Button>
        </DialogFooter>
      </>
    );
  }

  const trialTier = tier === "FREE" ? "PROFESSIONAL" : tier;
  return (
    <form action={form.formAction} className="grid gap-4" noValidate>
      <DialogHeader>
        <DialogTitle>Create tenant</DialogTitle>
        <DialogDescription>
          A workspace for a customer. An owner whose account has this address verified is added at once; anyone else
          gets an invitation link.
        </DialogDescription>
      </DialogHeader>

      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" name="name" required error={form.fieldError("name")}>
          {(props) => (
            <Input
              {...props}
              autoComplete="organization"
              value={name}
              onChange={(event) => {
                setName(event.target.value);
                if (!slugEdited) setSlug(slugify(event.target.value));
              }}
              maxLength={80}
            />
          )}
        </Field>
        <Field
          label="URL slug"
          name="slug"
          required
          error={form.fieldError("slug")}
          description={<>The workspace lives at /t/{slug || "…"}</>}
        >
          {(props) => (
            <Input
              {...props}
              value={slug}
              onChange={(event) => {
                setSlug(event.target.value);
                setSlugEdited(true);
              }}
              autoCapitalize="none"
              autoCorrect="off"
              spellCheck={false}
              maxLength={40}
              className="font-mono"
            />
          )}
        </Field>
      </div>

      <Field
        label={trial ? "Tier to trial" : "Tier"}
        name="tier"
        id="create-tenant-tier"
        error={form.fieldError("tier")}
        description={
          trial
            ? `For ${TRIAL_DAYS} days the tenant gets ${TIER_DEFINITIONS[trialTier].label}${tier === "FREE" ? " (a Free trial means Professional)" : ""}; then it is on Free until it pays.`
            : `The tenant starts on ${TIER_DEFINITIONS[tier].label} without a trial.`
        }
      >
        {(field) => <TierSelect field={field} value={tier} onValueChange={setTier} />}
      </Field>

      <div className="flex items-start gap-3">
        <input
          id="create-tenant-trial"
          type="checkbox"
          name="trial"
          checked={trial}
          onChange={(event) => setTrial(event.target.checked)}
          className="mt-0.5 size-4 shrink-0 accent-primary"
          aria-describedby="create-tenant-trial-description"
        />
        <div className="grid gap-1">
          <label htmlFor="create-tenant-trial" className="text-sm leading-none font-medium">
            Start a {TRIAL_DAYS}-day trial
          </label>
          <p id="create-tenant-trial-description" className="text-sm text-muted-foreground">
            The trial can be extended later from the tenant page.
          </p>
        </div>
      </div>

      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Owner email" name="ownerEmail" required error={form.fieldError("ownerEmail")}>
          {(props) => <Input {...props} type="email" autoComplete="off" defaultValue={form.value("ownerEmail")} />}
        </Field>
        <Field
          label="Owner name"
          name="ownerName"
          error={form.fieldError("ownerName")}
          description="Optional; recorded with the invitation."
        >
          {(props) => <Input {...props} autoComplete="off" defaultValue={form.value("ownerName")} maxLength={80} />}
        </Field>
      </div>

      <FormMessage>{form.formError}</FormMessage>

      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone}>
          Cancel
        </Button>
        <SubmitButton pendingLabel="Creating…">Create tenant</SubmitButton>
      </DialogFooter>
    </form>
  );
}
