"use client";
// The chat's message list, drawn from the server's history at first paint and from useChat once
// its driver runs (lazy-chat.ts): the messages, the questions sent while the chat client was still
// loading (with a skeleton), the "reading…" line while an answer is awaited, and errors.
import type * as React from "react";

import { Skeleton } from "@/components/ui/skeleton";

import type { ChatView, LoadState } from "./lazy-chat";
import { MessageView } from "./message-view";
import { NoticeCard } from "./tool-cards";

export function ChatThread({
  view,
  busy,
  loadState,
  pendingQuestions,
  empty,
  waitingText,
  errorText,
  onApprove,
  onEdit,
  onRetryLoad,
}: {
  view: ChatView;
  busy: boolean;
  loadState: LoadState;
  /** Questions sent before the chat client was ready. */
  pendingQuestions: string[];
  /** Shown while there are no messages. */
  empty: React.ReactNode;
  /** The line shown while the answer is awaited. */
  waitingText: string;
  errorText: (error: Error) => string;
  onApprove: (id: string, approved: boolean) => void;
  onEdit: (messageId: string, text: string) => void;
  onRetryLoad: () => void;
}) {
  return (
    <ol className="grid content-start gap-4" aria-live="polite" aria-busy={busy}>
      {view.messages.length === 0 && pendingQuestions.length === 0 && empty}
      {view.messages.map((message) => (
        <MessageView
          key={message.id}
          message={message}
          onApprove={onApprove}
          onEdit={(text) => onEdit(message.id, text)}
          busy={busy}
        />
      ))}
      {pendingQuestions.map((question, i) => (
        <li
          key={i}
          className="justify-self-end rounded-lg bg-primary/10 px-4 py-2 whitespace-pre-wrap"
          data-role="user"
          data-pending=""
        >
          {question}
        </li>
      ))}
      {loadState === "loading" && pendingQuestions.length > 0 && (
        <li className="grid gap-2" role="status" data-testid="chat-loading">
          <span className="sr-only">Loading the chat…</span>
          <Skeleton className="h-4 w-2/3" />
          <Skeleton className="h-4 w-1/2" />
        </li>
      )}
      {loadState === "failed" && (
        <li className="grid justify-items-start gap-2">
          <NoticeCard message="The chat could not be loaded. Check the connection and try again." />
          <button
            type="button"
            className="text-sm underline underline-offset-4 focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
            onClick={onRetryLoad}
          >
            Try again
          </button>
        </li>
      )}
      {view.status === "submitted" && (
        <li className="text-sm text-muted-foreground" role="status">
          {waitingText}
        </li>
      )}
      {view.error && (
        <li>
          <NoticeCard message={errorText(view.error)} />
        </li>
      )}
    </ol>
  );
}
