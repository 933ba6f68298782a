"use client";
// Small forms of the knowledge page: a new collection, and the help centre switch (admins).
import * as React from "react";

import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";

import { IDLE, type BoundAction } from "../workspace/action-types";
import { notify } from "../workspace/notify";
import { useAction } from "@/components/actions/use-action";

export function CollectionForm({ action }: { action: BoundAction }) {
  const form = React.useRef<HTMLFormElement>(null);
  const { formAction, error } = useAction(action, { onSuccess: () => form.current?.reset() });
  return (
    <form ref={form} action={formAction} className="flex flex-wrap items-end gap-2" aria-label="New collection">
      <Field label="New collection" name="name" error={error?.fieldErrors?.name ?? error?.message} className="grow">
        {(props) => <Input {...props} maxLength={80} placeholder="e.g. Billing" />}
      </Field>
      <SubmitButton variant="outline" pendingLabel="Adding…">
        Add
      </SubmitButton>
    </form>
  );
}

export function HelpCenterForm({
  action,
  enabled,
  title,
  publicUrl,
}: {
  action: BoundAction;
  enabled: boolean;
  title: string | null;
  publicUrl: string;
}) {
  const { formAction, error } = useAction(action);
  return (
    <form action={formAction} className="grid gap-3" aria-label="Help centre">
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="enabled" defaultChecked={enabled} className="size-4 accent-brand" />
        Public help centre at{" "}
        <a href={publicUrl} className="font-mono text-xs underline underline-offset-4">
          {publicUrl}
        </a>
      </label>
      <Field
        label="Heading"
        name="title"
        error={error?.fieldErrors?.title}
        description="Default: “<workspace> help centre”."
      >
        {(props) => <Input {...props} defaultValue={title ?? ""} maxLength={80} />}
      </Field>
      <div>
        <SubmitButton variant="outline" pendingLabel="Saving…">
          Save
        </SubmitButton>
      </div>
    </form>
  );
}

export function CollectionsList({
  collections,
  remove,
}: {
  collections: { id: string; name: string; articles: number }[];
  remove?: BoundAction;
}) {
  if (collections.length === 0) return <p className="text-sm text-muted-foreground">No collections yet.</p>;
  return (
    <ul className="grid gap-2 text-sm">
      {collections.map((c) => (
        <li key={c.id} className="flex items-center justify-between gap-2">
          <span>
            {c.name}{" "}
            <span className="text-muted-foreground">
              ({c.articles} article{c.articles === 1 ? "" : "s"})
            </span>
          </span>
          {remove && (
            <ConfirmDialog
              trigger={
                <Button variant="ghost" size="sm" aria-label={`Delete collection ${c.name}`}>
                  Delete
                </Button>
              }
              title={`Delete the collection “${c.name}”?`}
              description="Its articles and documents are kept, in no collection."
              confirmLabel="Delete collection"
              pendingLabel="Deleting…"
              variant="destructive"
              fields={{ id: c.id }}
              action={async (form) => {
                notify(await remove(IDLE, form));
              }}
            />
          )}
        </li>
      ))}
    </ul>
  );
}
