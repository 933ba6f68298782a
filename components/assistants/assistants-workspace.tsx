"use client";
// The assistants page: agents and conversations on the side, the chat in the middle. The chat's
// state (useChat, resume after a reload, stop) is in use-assistant-chat.ts; the pieces are
// agent-picker, agents-panel, conversation-list, message-view and chat-composer.
import { Bot } from "lucide-react";

import { AgentPicker } from "./agent-picker";
import { AgentsPanel } from "./agents-panel";
import { ChatComposer } from "./chat-composer";
import { ConversationList } from "./conversation-list";
import { MessageView } from "./message-view";
import { NoticeCard } from "./tool-cards";
import type { AssistantsWorkspaceProps } from "./types";
import { useAssistantChat } from "./use-assistant-chat";

export type { AssistantsWorkspaceProps } from "./types";

export function AssistantsWorkspace(props: AssistantsWorkspaceProps) {
  const { slug } = props;
  const { chat, busy, target, setTarget, conversationId, stop, newConversation } = useAssistantChat(props);

  return (
    <div className="grid gap-6 lg:grid-cols-[16rem_1fr]">
      <aside className="grid content-start gap-4" aria-label="Agents and conversations">
        <AgentPicker
          agents={props.agents}
          domains={props.domains}
          target={target}
          locked={Boolean(conversationId) && chat.messages.length > 0}
          onTarget={setTarget}
          onNewConversation={newConversation}
        />
        {props.canManage && <AgentsPanel {...props} />}
        <ConversationList slug={slug} conversations={props.conversations} activeId={conversationId} />
      </aside>

      <section className="grid min-h-[60vh] content-between gap-4" aria-label="Chat">
        <p className="text-xs text-muted-foreground" data-testid="engine-label">
          Engine: {props.engineLabel}
        </p>
        <ol className="grid content-start gap-4" aria-live="polite" aria-busy={busy}>
          {chat.messages.length === 0 && (
            <li className="rounded-md border border-dashed p-6 text-sm text-muted-foreground">
              <Bot className="mb-2 size-5" aria-hidden />
              Ask about this workspace&apos;s numbers: “How much have we paid in invoices?”, “Which API routes get the
              most calls?”, “Review this contract: …”.
            </li>
          )}
          {chat.messages.map((message) => (
            <MessageView
              key={message.id}
              message={message}
              onApprove={(id, approved) => chat.addToolApprovalResponse({ id, approved })}
              onEdit={(text) => void chat.sendMessage({ text, messageId: message.id })}
              busy={busy}
            />
          ))}
          {chat.status === "submitted" && (
            <li className="text-sm text-muted-foreground" role="status">
              Reading the workspace&apos;s data…
            </li>
          )}
          {chat.error && (
            <li>
              <NoticeCard message={chat.error.message || "The answer failed."} />
            </li>
          )}
        </ol>
        <ChatComposer
          busy={busy}
          canRegenerate={chat.messages.some((m) => m.role === "assistant")}
          onSend={(text) => void chat.sendMessage({ text })}
          onStop={stop}
          onRegenerate={() => void chat.regenerate()}
        />
      </section>
    </div>
  );
}
