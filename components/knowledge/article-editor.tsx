"use client";
// The article editor: title, collection, tags, published, and the Markdown body with a Write /
// Preview switch (the preview is the same renderer the article page uses). Saving sends the
// version the editor opened, so a save over someone else's newer version answers a clear conflict
// instead of overwriting it. Field errors from the server are shown by their fields.
import * as React from "react";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FieldSelect } from "@/components/ui/field-select";
import { Input } from "@/components/ui/input";
import { SubmitButton } from "@/components/ui/submit-button";
import { Tabs, TabsContent, TabsList, TabsTrigger } from "@/components/ui/tabs";
import { Textarea } from "@/components/ui/textarea";
import { Alert, AlertDescription } from "@/components/ui/alert";

import { useAction } from "@/components/actions/use-action";
import type { BoundAction } from "../workspace/action-types";
import { Markdown } from "./markdown";

export interface ArticleDraft {
  id?: string;
  title: string;
  body: string;
  collectionId: string | null;
  tags: string[];
  published: boolean;
  version?: number;
}

const NONE = "none";

export function ArticleEditor({
  action,
  draft,
  collections,
  cancelHref,
}: {
  action: BoundAction;
  draft: ArticleDraft;
  collections: { id: string; name: string }[];
  cancelHref: string;
}) {
  const { formAction, error } = useAction(action);
  const [body, setBody] = React.useState(draft.body);
  const [collection, setCollection] = React.useState(draft.collectionId ?? NONE);
  const fieldError = (name: string) => error?.fieldErrors?.[name];
  const options = [
    { value: NONE, label: "No collection" },
    ...collections.map((c) => ({ value: c.id, label: c.name })),
  ];

  return (
    <form action={formAction} className="grid gap-6" aria-label={draft.id ? "Edit article" : "New article"}>
      {draft.id && <input type="hidden" name="id" value={draft.id} />}
      {draft.version && <input type="hidden" name="expected_version" value={draft.version} />}
      <input type="hidden" name="collection_id" value={collection === NONE ? "" : collection} />
      {error && !error.fieldErrors && (
        <Alert variant="destructive">
          <AlertDescription role="alert">{error.message}</AlertDescription>
        </Alert>
      )}
      <Field label="Title" name="title" required error={fieldError("title")}>
        {(props) => <Input {...props} defaultValue={draft.title} maxLength={200} autoFocus={!draft.id} />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Collection" name="collection_select" error={fieldError("collection_id")}>
          {(field) => <FieldSelect field={field} options={options} value={collection} onValueChange={setCollection} />}
        </Field>
        <Field
          label="Tags"
          name="tags"
          description="Separated by commas, e.g. billing, onboarding."
          error={fieldError("tags")}
        >
          {(props) => <Input {...props} defaultValue={draft.tags.join(", ")} />}
        </Field>
      </div>
      <Tabs defaultValue="write">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <span className="text-sm font-medium" id="body-label">
            Article (Markdown)
          </span>
          <TabsList aria-label="Editor mode">
            <TabsTrigger value="write">Write</TabsTrigger>
            <TabsTrigger value="preview">Preview</TabsTrigger>
          </TabsList>
        </div>
        {/* The textarea stays mounted in both modes so the form always posts it. */}
        <TabsContent value="write" forceMount className="data-[state=inactive]:hidden">
          <Textarea
            name="body"
            aria-labelledby="body-label"
            aria-invalid={fieldError("body") ? true : undefined}
            aria-describedby="body-help"
            value={body}
            onChange={(event) => setBody(event.target.value)}
            rows={18}
            className="font-mono text-sm"
            maxLength={50_000}
            required
          />
          <p id="body-help" className="mt-1 text-xs text-muted-foreground">
            # Headings become sections the assistants cite. **bold**, *italic*, `code`, [links](https://…), lists and
            fenced code work. {body.length.toLocaleString("en-US")} / 50,000 characters.
          </p>
          {fieldError("body") && (
            <p role="alert" className="mt-1 text-sm text-destructive">
              {fieldError("body")?.[0]}
            </p>
          )}
        </TabsContent>
        <TabsContent value="preview" className="min-h-48 rounded-md border p-4" data-testid="article-preview">
          {body.trim() ? (
            <Markdown text={body} />
          ) : (
            <p className="text-sm text-muted-foreground">Nothing to preview yet.</p>
          )}
        </TabsContent>
      </Tabs>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="published" defaultChecked={draft.published} className="size-4 accent-brand" />
        Published: shown on the public help centre when it is on
      </label>
      <div className="flex gap-2">
        <SubmitButton pendingLabel="Saving…">{draft.id ? "Save new version" : "Save article"}</SubmitButton>
        <Button asChild variant="ghost">
          <a href={cancelHref}>Cancel</a>
        </Button>
      </div>
    </form>
  );
}
