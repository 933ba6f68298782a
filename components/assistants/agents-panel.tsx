"use client";
// The workspace's agents (admins only): the list with delete, and the create form (disabled at
// the plan's AI agents limit).
import * as React from "react";
import { Trash2 } from "lucide-react";

import { createAgentAction, deleteAgentAction } from "@/app/t/[slug]/assistants/actions";
import { useAction } from "@/components/actions/use-action";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";

import type { AssistantsWorkspaceProps } from "./types";

export function AgentsPanel({ slug, agents, domains, atLimit }: AssistantsWorkspaceProps) {
  const formRef = React.useRef<HTMLFormElement>(null);
  const { formAction, error } = useAction(createAgentAction.bind(null, slug), {
    onSuccess: () => formRef.current?.reset(),
  });
  const remove = useAction(deleteAgentAction.bind(null, slug));
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Agents</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3">
        <ul className="grid gap-1 text-sm">
          {agents.map((a) => (
            <li key={a.id} className="flex items-center justify-between gap-2">
              <span>
                {a.name} <span className="text-muted-foreground">· {a.domain}</span>
              </span>
              <form action={remove.formAction}>
                <input type="hidden" name="id" value={a.id} />
                <Button type="submit" variant="ghost" size="icon" aria-label={`Delete agent ${a.name}`}>
                  <Trash2 aria-hidden />
                </Button>
              </form>
            </li>
          ))}
        </ul>
        <form ref={formRef} action={formAction} className="grid gap-2" aria-label="Create an agent">
          <Label htmlFor="agent-name">Name</Label>
          <Input id="agent-name" name="name" required maxLength={60} />
          <Label htmlFor="agent-domain">Domain</Label>
          <select
            id="agent-domain"
            name="domain"
            className="h-9 rounded-md border border-input bg-background px-2 text-sm"
          >
            {domains.map((d) => (
              <option key={d.domain} value={d.domain}>
                {d.label}
              </option>
            ))}
          </select>
          <Label htmlFor="agent-instructions">Instructions (optional)</Label>
          <Textarea id="agent-instructions" name="instructions" maxLength={4000} className="min-h-12" />
          {error && (
            <p role="alert" className="text-sm text-destructive">
              {error.message}
            </p>
          )}
          <Button type="submit" disabled={atLimit} title={atLimit ? "The plan's AI agents are all in use" : undefined}>
            Create agent
          </Button>
          {atLimit && <p className="text-xs text-muted-foreground">All of the plan&apos;s AI agents are in use.</p>}
        </form>
      </CardContent>
    </Card>
  );
}
