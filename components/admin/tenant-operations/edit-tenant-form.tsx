"use client";
// The operator's "Name and URL" form for one tenant (updateTenantAction): field errors under their
// fields, other errors above the button, success toasts and the page re-renders.
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Field, FormMessage } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { updateTenantAction } from "@/app/admin/actions";
import { useAction } from "@/components/actions/use-action";

import { TenantIdField, type OperableTenant } from "./tenant";

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
