"use client";

import * as React from "react";

import { Field, FormMessage } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";

import type { BoundAction } from "../action-types";
import { useAction } from "@/components/actions/use-action";

export function WorkspaceNameForm({
  action,
  name,
  disabled,
}: {
  action: BoundAction;
  name: string;
  disabled?: boolean;
}) {
  const [value, setValue] = React.useState(name);
  const { formAction, error } = useAction(action);
  return (
    <form action={formAction} className="grid max-w-lg gap-4">
      <Field label="Workspace name" name="name" error={error?.fieldErrors?.name} required>
        {(props) => (
          <Input
            {...props}
            value={value}
            onChange={(event) => setValue(event.target.value)}
            maxLength={80}
            autoComplete="organization"
            disabled={disabled}
          />
        )}
      </Field>
      {error && !error.fieldErrors?.name && <FormMessage>{error.message}</FormMessage>}
      {!disabled && (
        <SubmitButton className="w-fit" pendingLabel="Saving…" disabled={value.trim() === name}>
          Save name
        </SubmitButton>
      )}
    </form>
  );
}
