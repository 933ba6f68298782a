"use client";
// The operator console's finance assistant (/admin/assistant). The chat is drawn here from the first
// paint; the AI SDK's chat client (OperatorChatDriver in chat-drivers.tsx: useChat over
// POST /api/v1/ai-assistants/operator/chat, which takes a signed-in operator's session) loads when
// the chat is used (lazy-chat.ts), and a question asked before then waits for it. Nothing is stored
// on the server: the history lives in this tab's memory and each request carries it as plain text.
import { Bot, Eraser } from "lucide-react";

import { Button } from "@/components/ui/button";

import { ChatComposer } from "./chat-composer";
import { ChatThread } from "./chat-thread";
import { useLazyChat } from "./lazy-chat";
import { errorMessage } from "./operator-messages";

export { errorMessage, toOperatorMessages } from "./operator-messages";

export const OPERATOR_SUGGESTIONS = [
  "What is our MRR by tier?",
  "What moved revenue last month?",
  "How much churn and expansion in the last 6 months?",
  "How many paying workspaces do we have, and how did that change?",
];

const importDriver = () => import("./chat-drivers").then((m) => m.OperatorChatDriver);

export function OperatorAssistant({ engineLabel }: { engineLabel: string }) {
  const chat = useLazyChat(importDriver, []);
  const { Driver, view, busy } = chat;
  const ask = (text: string) => chat.run((api) => void api.sendMessage({ text }), text);

  return (
    <section
      className="grid min-h-[60vh] content-between gap-4"
      aria-label="Chat"
      // Using the chat (focus, pointer) loads its client; a question asked before waits for it.
      onFocus={chat.load}
      onPointerEnter={chat.load}
    >
      {Driver && <Driver bridge={chat.bridge} />}
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-muted-foreground">
        <p data-testid="engine-label">Engine: {engineLabel}</p>
        {view.messages.length > 0 && (
          <Button
            type="button"
            size="sm"
            variant="ghost"
            disabled={busy}
            onClick={() =>
              chat.run((api) => {
                api.clearError();
                api.setMessages([]);
              })
            }
          >
            <Eraser aria-hidden /> Clear the conversation
          </Button>
        )}
      </div>
      <ChatThread
        view={view}
        busy={busy}
        loadState={chat.state}
        pendingQuestions={chat.queued.questions}
        empty={
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
        }
        waitingText="Reading the revenue report…"
        errorText={errorMessage}
        // The operator's agent has no acting tools, so nothing asks for approval.
        onApprove={() => undefined}
        onEdit={(messageId, text) => chat.run((api) => void api.sendMessage({ text, messageId }))}
        onRetryLoad={chat.load}
      />
      <ChatComposer
        busy={busy}
        canRegenerate={view.messages.some((m) => m.role === "assistant")}
        placeholder="Ask about the platform's revenue… (Enter to send, Shift+Enter for a new line)"
        onSend={ask}
        onStop={() => chat.run((api) => void api.stop())}
        onRegenerate={() => chat.run((api) => void api.regenerate())}
      />
    </section>
  );
}
