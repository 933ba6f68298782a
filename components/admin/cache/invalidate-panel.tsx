"use client";
// Pattern invalidation: a dry run first (how many keys, which namespaces, what is protected and why,
// a sample), then a confirmed real run. The server refuses patterns that match only protected keys.
import * as React from "react";
import { Eraser, SearchCheck } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import type { InvalidationResult } from "@/lib/cache-console/console";
import type { ActionState, FormInput } from "@/lib/http/action";
import { IDLE } from "@/components/workspace/action-types";

type InvalidateAction = (
  prev: ActionState<InvalidationResult>,
  input: FormInput,
) => Promise<ActionState<InvalidationResult>>;

export function InvalidatePanel({ dryRun, invalidate }: { dryRun: InvalidateAction; invalidate: InvalidateAction }) {
  const [pattern, setPattern] = React.useState("c:pricing:*");
  const [preview, setPreview] = React.useState<InvalidationResult | null>(null);
  const [done, setDone] = React.useState<InvalidationResult | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [pending, setPending] = React.useState(false);

  async function runDry(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    setDone(null);
    setPreview(null);
    const state = await dryRun(IDLE, { pattern });
    setPending(false);
    if (state.status === "success" && state.data) setPreview(state.data);
    else if (state.status === "error") setError(state.message);
  }

  async function runReal() {
    const state = await invalidate(IDLE, { pattern: preview?.pattern ?? pattern });
    setPreview(null);
    if (state.status === "success" && state.data) setDone(state.data);
    else if (state.status === "error") setError(state.message);
  }

  return (
    <div className="grid gap-3">
      <form onSubmit={runDry} className="flex flex-wrap items-end gap-2">
        <div className="grid min-w-64 flex-1 gap-1.5">
          <Label htmlFor="invalidate-pattern">Pattern (Redis MATCH syntax)</Label>
          <Input
            id="invalidate-pattern"
            name="pattern"
            value={pattern}
            onChange={(event) => {
              setPattern(event.target.value);
              setPreview(null);
            }}
            className="font-mono"
            required
            maxLength={200}
          />
        </div>
        <Button type="submit" variant="outline" disabled={pending}>
          <SearchCheck aria-hidden />
          {pending ? "Counting…" : "Dry run"}
        </Button>
      </form>
      <div aria-live="polite" className="grid gap-3">
        {error && (
          <Alert variant="destructive" role="alert">
            <AlertDescription>{error}</AlertDescription>
          </Alert>
        )}
        {preview && (
          <Alert>
            <AlertTitle data-testid="dry-run-result">
              {preview.matched} keys match {preview.pattern}
              {preview.complete ? "" : " so far (the scan ran out of time: run it again after)"}
            </AlertTitle>
            <AlertDescription className="grid gap-2">
              {preview.namespaces.length > 0 && (
                <span>In: {preview.namespaces.map((n) => `${n.namespace} (${n.count})`).join(", ")}.</span>
              )}
              {preview.protected.map((p) => (
                <span key={p.namespace}>
                  Left alone: {p.count} {p.namespace} keys. {p.reason}
                </span>
              ))}
              {preview.sample.length > 0 && (
                <code className="font-mono text-xs break-all">{preview.sample.slice(0, 5).join("  ")}</code>
              )}
              {preview.matched > 0 && (
                <ConfirmDialog
                  trigger={
                    <Button variant="destructive" className="justify-self-start">
                      <Eraser aria-hidden />
                      Invalidate {preview.matched} keys
                    </Button>
                  }
                  title={`Invalidate keys matching ${preview.pattern}?`}
                  description={`About ${preview.matched} cache keys are deleted (SCAN + UNLINK in batches). Readers refill them from the database on their next lookup. Protected keys are never touched.`}
                  confirmLabel="Invalidate"
                  pendingLabel="Invalidating…"
                  variant="destructive"
                  onConfirm={runReal}
                />
              )}
            </AlertDescription>
          </Alert>
        )}
        {done && (
          <Alert variant="success">
            <AlertDescription data-testid="invalidate-result">
              Deleted {done.deleted} keys matching {done.pattern}. The operation is in the audit log below.
            </AlertDescription>
          </Alert>
        )}
      </div>
    </div>
  );
}
