"use client";

import * as React from "react";
import { Send } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Field, FormMessage } from "@/components/ui/field";
import { FieldSelect } from "@/components/ui/field-select";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import type { ActionState } from "@/lib/http/action";

import { IDLE, type BoundAction } from "../action-types";
import { ComparePlansLink } from "../compare-plans-link";
import { CopyButton } from "../copy-button";

export interface InviteResultData {
  email: string;
  link: string;
  emailed: boolean;
  expiresAt: string;
}

/** Invite by email with a role; shows the invitation link (with copy) after success. */
export function InviteForm({
  action,
  roles,
  defaultRole = "MEMBER",
}: {
  action: BoundAction<InviteResultData>;
  roles: { value: string; label: string }[];
  defaultRole?: string;
}) {
  const initialRole = roles.some((r) => r.value === defaultRole) ? defaultRole : (roles[0]?.value ?? "");
  const [email, setEmail] = React.useState("");
  const [role, setRole] = React.useState(initialRole);
  const [state, formAction] = React.useActionState(async (prev: ActionState<InviteResultData>, form: FormData) => {
    const next = await action(prev, form);
    if (next.status === "success") {
      setEmail("");
      setRole(initialRole);
    }
    return next;
  }, IDLE as ActionState<InviteResultData>);

  const error = state.status === "error" ? state : null;
  const fieldErrors = error?.fieldErrors ?? {};
  const limitReached = error?.code === "limit_exceeded";
  const result = state.status === "success" ? state.data : undefined;

  return (
    <div className="grid gap-4">
      <form
        action={formAction}
        className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_12rem_auto] sm:items-start"
        noValidate
      >
        <Field label="Email address" name="email" error={fieldErrors.email} required>
          {(props) => (
            <Input
              {...props}
              type="email"
              autoComplete="off"
              placeholder="name@example.com"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              maxLength={320}
            />
          )}
        </Field>
        <Field label="Role" name="role" id="invite-role" error={fieldErrors.role}>
          {(field) => <FieldSelect field={field} options={roles} value={role} onValueChange={setRole} />}
        </Field>
        <SubmitButton className="sm:mt-6" pendingLabel="Inviting…">
          <Send aria-hidden />
          Send invitation
        </SubmitButton>
      </form>

      {limitReached && (
        <Alert variant="destructive" data-testid="invite-limit">
          <AlertTitle>User limit reached</AlertTitle>
          <AlertDescription>
            <p>{error.message}</p>
            <p>
              <ComparePlansLink />
            </p>
          </AlertDescription>
        </Alert>
      )}
      {error && !limitReached && !fieldErrors.email && !fieldErrors.role && <FormMessage>{error.message}</FormMessage>}

      {result && (
        <Alert variant={result.emailed ? "success" : "warning"} role="status" data-testid="invite-result">
          <AlertTitle>
            {result.emailed ? `Invitation emailed to ${result.email}` : `Invitation created for ${result.email}`}
          </AlertTitle>
          <AlertDescription className="w-full">
            <p>
              {result.emailed
                ? "You can also share this link with them directly."
                : "Email delivery is not configured, so no email was sent. Copy this link and send it to them yourself."}{" "}
              It works once and expires in 7 days.
            </p>
            <div className="flex w-full flex-wrap items-center gap-2">
              <Input
                readOnly
                value={result.link}
                aria-label={`Invitation link for ${result.email}`}
                className="min-w-0 flex-1 font-mono text-xs"
                onFocus={(event) => event.currentTarget.select()}
              />
              <CopyButton value={result.link} label="Copy link" />
            </div>
          </AlertDescription>
        </Alert>
      )}
    </div>
  );
}
