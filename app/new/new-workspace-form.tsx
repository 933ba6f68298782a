"use client";

import { useActionState, useState } from "react";

import { Field, FormMessage } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { SubmitButton } from "@/components/ui/submit-button";

import { createWorkspaceAction, type NewWorkspaceState, type NewWorkspaceValues } from "./actions";
import { suggestSlug } from "./suggest-slug";

export type TrialOption = { value: string; label: string; summary: string };

const initialState: NewWorkspaceState = { status: "idle" };

export function NewWorkspaceForm({
  trialOptions,
  defaultTrialTier,
}: {
  trialOptions: TrialOption[];
  defaultTrialTier: string;
}) {
  const [state, formAction] = useActionState(createWorkspaceAction, initialState);
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  const formError = state.status === "error" && !errors ? state.message : null;
  // React resets a form after its action; remounting with the submitted values keeps them
  // (the tier Select included) and focuses the first field with an error.
  return (
    <form key={state.attempt ?? 0} action={formAction} className="grid gap-6" noValidate>
      <FormMessage>{formError}</FormMessage>
      <WorkspaceFields
        values={state.values ?? { name: "", slug: "", trialTier: defaultTrialTier }}
        errors={errors}
        trialOptions={trialOptions}
      />
      <SubmitButton className="w-full sm:w-auto sm:justify-self-start" pendingLabel="Creating workspace…">
        Create workspace
      </SubmitButton>
    </form>
  );
}

function WorkspaceFields({
  values,
  errors,
  trialOptions,
}: {
  values: NewWorkspaceValues;
  errors?: Record<string, string[]>;
  trialOptions: TrialOption[];
}) {
  const [name, setName] = useState(values.name);
  const [slug, setSlug] = useState(values.slug);
  // The slug follows the name until it is edited by hand (and again once it is cleared).
  const [slugEdited, setSlugEdited] = useState(values.slug !== "" && values.slug !== suggestSlug(values.name));
  const firstError = ["name", "slug", "trialTier"].find((key) => errors?.[key]?.length);
  const trialTier = trialOptions.some((o) => o.value === values.trialTier) ? values.trialTier : trialOptions[0]?.value;

  return (
    <>
      <Field
        label="Workspace name"
        name="name"
        error={errors?.name}
        description="Usually your company or team name."
        required
      >
        {(props) => (
          <Input
            {...props}
            autoComplete="organization"
            maxLength={80}
            autoFocus={!firstError || firstError === "name"}
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              if (!slugEdited) setSlug(suggestSlug(event.target.value));
            }}
          />
        )}
      </Field>

      <Field
        label="Workspace URL"
        name="slug"
        error={errors?.slug}
        description={
          <>
            Lowercase letters, digits and dashes. Your workspace will live at{" "}
            <span className="font-mono text-foreground">/t/{slug || "your-workspace"}</span>.
          </>
        }
        required
      >
        {(props) => (
          <div className="flex rounded-md shadow-xs">
            <span
              aria-hidden
              className="inline-flex items-center rounded-l-md border border-r-0 border-input bg-muted px-3 font-mono text-sm text-muted-foreground"
            >
              /t/
            </span>
            <Input
              {...props}
              className="rounded-l-none font-mono shadow-none"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={40}
              autoFocus={firstError === "slug"}
              value={slug}
              onChange={(event) => {
                const next = event.target.value.toLowerCase();
                setSlug(next);
                setSlugEdited(next !== "");
              }}
            />
          </div>
        )}
      </Field>

      <Field
        label="Trial plan"
        name="trialTier"
        error={errors?.trialTier}
        description="Every new workspace gets a 14-day free trial of this plan, no card needed. Afterwards it moves to the Free plan unless you subscribe."
      >
        {({ name: fieldName, ...props }) => (
          <NativeSelect {...props} name={fieldName} defaultValue={trialTier} autoFocus={firstError === "trialTier"}>
            {trialOptions.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label} · {option.summary}
              </option>
            ))}
          </NativeSelect>
        )}
      </Field>
    </>
  );
}
