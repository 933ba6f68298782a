"use client";
// Warming a namespace from the console: one page per server action, with progress, until done.
import * as React from "react";
import { Flame } from "lucide-react";

import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Progress } from "@/components/ui/progress";
import type { WarmResult } from "@/lib/cache-console/warmers";
import type { ActionState, FormInput } from "@/lib/http/action";
import { IDLE } from "@/components/workspace/action-types";

type WarmAction = (prev: ActionState<WarmResult>, input: FormInput) => Promise<ActionState<WarmResult>>;

export function WarmPanel({
  action,
  warmers,
}: {
  action: WarmAction;
  warmers: { namespace: string; description: string }[];
}) {
  const [namespace, setNamespace] = React.useState(warmers[0]?.namespace ?? "");
  const [progress, setProgress] = React.useState<{
    written: number;
    present: number;
    total: number;
    done: boolean;
  } | null>(null);
  const [running, setRunning] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);

  async function run() {
    setRunning(true);
    setError(null);
    setProgress({ written: 0, present: 0, total: 0, done: false });
    let cursor: string | null = null;
    let written = 0;
    let present = 0;
    do {
      const state: ActionState<WarmResult> = await action(IDLE, { namespace, cursor: cursor ?? "" });
      if (state.status !== "success" || !state.data) {
        setError(state.status === "error" ? state.message : "Warming failed.");
        break;
      }
      written += state.data.written;
      present += state.data.present;
      cursor = state.data.cursor;
      setProgress({ written, present, total: state.data.total, done: state.data.done });
    } while (cursor !== null);
    setRunning(false);
  }

  const description = warmers.find((w) => w.namespace === namespace)?.description;
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-end gap-2">
        <div className="grid gap-1.5">
          <Label htmlFor="warm-namespace">Namespace</Label>
          <select
            id="warm-namespace"
            className="h-9 rounded-md border bg-background px-3 text-sm"
            value={namespace}
            onChange={(event) => setNamespace(event.target.value)}
            disabled={running}
          >
            {warmers.map((w) => (
              <option key={w.namespace} value={w.namespace}>
                {w.namespace}
              </option>
            ))}
          </select>
        </div>
        <Button onClick={run} disabled={running || !namespace}>
          <Flame aria-hidden />
          {running ? "Warming…" : "Warm"}
        </Button>
      </div>
      {description && <p className="text-sm text-muted-foreground">{description}</p>}
      {progress && (
        <Progress
          label={`Warming ${namespace}`}
          value={progress.written + progress.present}
          max={Math.max(progress.total, progress.written + progress.present, 1)}
          tone={progress.done ? "success" : "default"}
          valueText={`${progress.written + progress.present} of ${progress.total} entries (${progress.written} written, ${progress.present} already cached)${progress.done ? ": done" : ""}`}
        />
      )}
      <div aria-live="polite">
        {progress?.done && (
          <Alert variant="success">
            <AlertDescription data-testid="warm-result">
              Warmed {namespace}: {progress.written} written, {progress.present} already cached.
            </AlertDescription>
          </Alert>
        )}
        {error && (
          <Alert variant="destructive" role="alert">
            <AlertDescription>{error}</AlertDescription>
          </Alert>
        )}
      </div>
    </div>
  );
}
