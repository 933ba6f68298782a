"use client";
// One message of the chat: a question (copy, edit and continue) or an answer (agent, engine,
// markdown text, tool cards, the assessment and notices).
import * as React from "react";
import { Pencil } from "lucide-react";

import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { CopyButton } from "@/components/workspace/copy-button";

import { Markdown } from "./markdown";
import { AssessmentCard, NoticeCard, ToolCard, type AssessmentData } from "./tool-cards";
import type { Msg } from "./types";

export function MessageView({
  message,
  onApprove,
  onEdit,
  busy,
}: {
  message: Msg;
  onApprove: (id: string, approved: boolean) => void;
  onEdit: (text: string) => void;
  busy: boolean;
}) {
  const text = message.parts
    .map((p) => (p.type === "text" ? p.text : ""))
    .join("\n")
    .trim();
  const isUser = message.role === "user";
  const [editing, setEditing] = React.useState(false);
  const [draft, setDraft] = React.useState(text);
  const editId = React.useId();
  if (isUser && editing) {
    const save = (event: React.FormEvent) => {
      event.preventDefault();
      const next = draft.trim();
      if (!next || busy) return;
      setEditing(false);
      onEdit(next);
    };
    return (
      <li className="justify-self-stretch rounded-lg bg-primary/10 px-4 py-2" data-role="user">
        <form className="grid gap-2" onSubmit={save} aria-label="Edit your question">
          <Label htmlFor={editId} className="sr-only">
            Edited question
          </Label>
          <Textarea
            id={editId}
            value={draft}
            autoFocus
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape") setEditing(false);
              if (e.key === "Enter" && !e.shiftKey) save(e);
            }}
          />
          <div className="flex gap-2">
            <Button type="submit" size="sm" disabled={busy || !draft.trim()}>
              Save and ask
            </Button>
            <Button type="button" size="sm" variant="ghost" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
        </form>
      </li>
    );
  }
  return (
    <li
      className={isUser ? "justify-self-end rounded-lg bg-primary/10 px-4 py-2" : "grid gap-3 rounded-lg border p-4"}
      data-role={message.role}
    >
      {isUser && (
        <div className="flex justify-end gap-1">
          <Button
            type="button"
            size="sm"
            variant="ghost"
            disabled={busy}
            aria-label="Edit question"
            onClick={() => {
              setDraft(text);
              setEditing(true);
            }}
          >
            <Pencil aria-hidden /> Edit
          </Button>
          {text && <CopyButton value={text} label="Copy question" size="sm" variant="ghost" />}
        </div>
      )}
      {!isUser && (
        <div className="flex flex-wrap items-center gap-2 text-xs text-muted-foreground">
          <Badge variant="outline">{message.metadata?.agent ?? "Assistant"}</Badge>
          {message.metadata?.engine && <span data-testid="answered-by">Answered by {message.metadata.engine}</span>}
          {text && <CopyButton value={text} label="Copy answer" size="sm" variant="ghost" />}
        </div>
      )}
      {message.parts.map((part, index) => {
        if (part.type === "text") return <Markdown key={index} text={part.text} />;
        if (part.type === "data-assessment") return <AssessmentCard key={index} data={part.data as AssessmentData} />;
        if (part.type === "data-notice")
          return <NoticeCard key={index} message={(part.data as { message: string }).message} />;
        if (part.type.startsWith("tool-")) {
          return (
            <ToolCard
              key={index}
              part={part as unknown as Parameters<typeof ToolCard>[0]["part"]}
              onApprove={onApprove}
              busy={busy}
            />
          );
        }
        return null;
      })}
    </li>
  );
}
