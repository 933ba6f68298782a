"use client";
// The "Ask" card: which agent (or domain template) a new conversation talks to, and "New
// conversation". The picker is locked once a conversation has messages.
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";

import type { AssistantsWorkspaceProps } from "./types";

export function AgentPicker({
  agents,
  domains,
  target,
  locked,
  onTarget,
  onNewConversation,
}: Pick<AssistantsWorkspaceProps, "agents" | "domains"> & {
  target: string;
  locked: boolean;
  onTarget: (target: string) => void;
  onNewConversation: () => void;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Ask</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-2">
        <Label htmlFor="assistant-target">Agent</Label>
        <select
          id="assistant-target"
          className="h-9 rounded-md border border-input bg-background px-2 text-sm"
          value={target}
          disabled={locked}
          onChange={(e) => onTarget(e.target.value)}
        >
          {agents.length > 0 && (
            <optgroup label="Your agents">
              {agents.map((a) => (
                <option key={a.id} value={`agent:${a.id}`}>
                  {a.name} ({a.domain})
                </option>
              ))}
            </optgroup>
          )}
          <optgroup label="Domain templates">
            {domains.map((d) => (
              <option key={d.domain} value={`domain:${d.domain}`}>
                {d.label}
              </option>
            ))}
          </optgroup>
        </select>
        <Button type="button" variant="outline" size="sm" onClick={onNewConversation}>
          New conversation
        </Button>
      </CardContent>
    </Card>
  );
}
