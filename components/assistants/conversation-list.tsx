"use client";
// The caller's conversations: search by title, open, rename, delete.
import * as React from "react";

import { deleteConversationAction, renameConversationAction } from "@/app/t/[slug]/assistants/actions";
import { useAction } from "@/components/actions/use-action";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";

import type { AssistantsWorkspaceProps } from "./types";

export function ConversationList({
  slug,
  conversations,
  activeId,
}: {
  slug: string;
  conversations: AssistantsWorkspaceProps["conversations"];
  activeId: string | null;
}) {
  const [q, setQ] = React.useState("");
  const rename = useAction(renameConversationAction.bind(null, slug));
  const remove = useAction(deleteConversationAction.bind(null, slug));
  const shown = conversations.filter((c) => c.title.toLowerCase().includes(q.toLowerCase()));
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Conversations</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-2">
        <Label htmlFor="conversation-search" className="sr-only">
          Search conversations
        </Label>
        <Input id="conversation-search" placeholder="Search" value={q} onChange={(e) => setQ(e.target.value)} />
        <ul className="grid gap-2 text-sm">
          {shown.map((c) => (
            <li key={c.id} className="grid gap-1">
              <a
                href={`/t/${slug}/assistants?c=${c.id}`}
                aria-current={c.id === activeId ? "page" : undefined}
                className="truncate underline-offset-4 hover:underline"
              >
                {c.title}
              </a>
              <span className="text-xs text-muted-foreground">{c.tokens.toLocaleString("en-US")} tokens</span>
              <details>
                <summary className="cursor-pointer text-xs text-muted-foreground">Rename or delete</summary>
                <form action={rename.formAction} className="mt-1 flex gap-1">
                  <input type="hidden" name="id" value={c.id} />
                  <Input name="title" defaultValue={c.title} aria-label="New title" className="h-8" />
                  <Button type="submit" size="sm" variant="outline">
                    Rename
                  </Button>
                </form>
                <form action={remove.formAction} className="mt-1">
                  <input type="hidden" name="id" value={c.id} />
                  <Button type="submit" size="sm" variant="ghost">
                    Delete
                  </Button>
                </form>
              </details>
            </li>
          ))}
          {shown.length === 0 && <li className="text-muted-foreground">No conversations yet.</li>}
        </ul>
      </CardContent>
    </Card>
  );
}
