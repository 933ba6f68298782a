"use client";
// The operator console's finance assistant (/admin/assistant): useChat over
// POST /api/v1/ai-assistants/operator/chat, which takes a signed-in operator's session (the
// platform audience, lib/http/api-auth.ts). Nothing is stored on the server: the history lives in
// this tab's memory and each request carries it as plain text (the route's `messages` form).
import * as React from "react";
import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport } from "ai";
import { Bot, Eraser } from "lucide-react";

import { Button } from "@/components/ui/button";

import { ChatComposer } from "./chat-composer";
import { MessageView } from "./message-view";
import { NoticeCard } from "./tool-cards";
import type { Msg } from "./types";

export const OPERATOR_SUGGESTIONS = [
  "What is our MRR by tier?",
  "What moved revenue last month?",
  "How much churn and expansion in the last 6 months?",
  "How many paying workspaces do we have, and how did that change?",
];

const textOf = (message: Msg) =>
  message.parts
    .map((p) => (p.type === "text" ? p.text : ""))
    .join("\n")
    .trim();

/** The plain-text history the route takes: answers without text (tool cards only) are left out. */
export function toOperatorMessages(messages: readonly Msg[]) {
  return messages
    .map((m) => ({ role: m.role, content: textOf(m) }))
    .filter((m): m is { role: "user" | "assistant"; content: string } => m.role !== "system" && m.content !== "")
    .slice(-50);
}

/** The route's JSON error ({ error: { message } }) as a sentence; the transport hands over the body text. */
export function errorMessage(error: Error): string {
  try {
    const parsed = JSON.parse(error.message) as { error?: { message?: unknown } };
    if (typeof parsed.error?.message === "string") return parsed.error.message;
  } catch {
    // not JSON: a network error or the stream's own message
  }
  return error.message || "The answer failed.";
}

export function OperatorAssistant({ engineLabel }: { engineLabel: string }) {
  const transport = React.useMemo(
    () =>
      new DefaultChatTransport<Msg>({
        api: "/api/v1/ai-assistants/operator/chat",
        headers: { Accept: "text/event-stream" },
        prepareSendMessagesRequest: ({ messages }) => ({ body: { messages: toOperatorMessages(messages) } }),
      }),
    [],
  );
  const chat = useChat<Msg>({ id: "operator-assistant", transport });
  const busy = chat.status === "submitted" || chat.status === "streaming";
  const ask = (text: string) => void chat.sendMessage({ text });

  return (
    <section className="grid min-h-[60vh] content-between gap-4" aria-label="Chat">
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-muted-foreground">
        <p data-testid="engine-label">Engine: {engineLabel}</p>
        {chat.messages.length > 0 && (
          <Button
            type="button"
            size="sm"
            variant="ghost"
            disabled={busy}
            onClick={() => {
              chat.clearError();
              chat.setMessages([]);
            }}
          >
            <Eraser aria-hidden /> Clear the conversation
          </Button>
        )}
      </div>
      <ol className="grid content-start gap-4" aria-live="polite" aria-busy={busy}>
        {chat.messages.length === 0 && (
          <li className="grid gap-3 rounded-md border border-dashed p-6 text-sm text-muted-foreground">
            <p>
              <Bot className="mb-2 size-5" aria-hidden />
              Ask about the platform&apos;s revenue: MRR, ARR, paying workspaces, new, expansion, contraction and churn.
              Answers come from the revenue report through the assistant&apos;s tools.
            </p>
            <ul className="flex flex-wrap gap-2" aria-label="Suggested questions">
              {OPERATOR_SUGGESTIONS.map((question) => (
                <li key={question}>
                  <Button type="button" size="sm" variant="outline" disabled={busy} onClick={() => ask(question)}>
                    {question}
                  </Button>
                </li>
              ))}
            </ul>
          </li>
        )}
        {chat.messages.map((message) => (
          <MessageView
            key={message.id}
            message={message}
            // The operator's agent has no acting tools, so nothing asks for approval.
            onApprove={() => undefined}
            onEdit={(text) => void chat.sendMessage({ text, messageId: message.id })}
            busy={busy}
          />
        ))}
        {chat.status === "submitted" && (
          <li className="text-sm text-muted-foreground" role="status">
            Reading the revenue report…
          </li>
        )}
        {chat.error && (
          <li>
            <NoticeCard message={errorMessage(chat.error)} />
          </li>
        )}
      </ol>
      <ChatComposer
        busy={busy}
        canRegenerate={chat.messages.some((m) => m.role === "assistant")}
        placeholder="Ask about the platform's revenue… (Enter to send, Shift+Enter for a new line)"
        onSend={ask}
        onStop={() => void chat.stop()}
        onRegenerate={() => void chat.regenerate()}
      />
    </section>
  );
}
