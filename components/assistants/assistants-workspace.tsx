"use client";
// The assistants page: agents and conversations on the side, the chat in the middle. The page
// draws the chat from the server's history at first paint; the AI SDK's chat client (useChat,
// resume after a reload, stop) is WorkspaceChatDriver in chat-drivers.tsx, loaded when the chat is
// used, or at once when a conversation is open (its answer may still be streaming): see
// lazy-chat.ts. The pieces are agent-picker, agents-panel, conversation-list, chat-thread and
// chat-composer.
import * as React from "react";
import { Bot } from "lucide-react";

import { AgentPicker } from "./agent-picker";
import { AgentsPanel } from "./agents-panel";
import { ChatComposer } from "./chat-composer";
import { ChatSession } from "./chat-session";
import { ChatThread } from "./chat-thread";
import { ConversationList } from "./conversation-list";
import { useLazyChat } from "./lazy-chat";
import type { AssistantsWorkspaceProps, Msg } from "./types";

export type { AssistantsWorkspaceProps } from "./types";

const importDriver = () => import("./chat-drivers").then((m) => m.WorkspaceChatDriver);

export function AssistantsWorkspace(props: AssistantsWorkspaceProps) {
  const { slug, open, agents } = props;
  const initialTarget = open
    ? open.agentId
      ? `agent:${open.agentId}`
      : `domain:${open.domain}`
    : agents[0]
      ? `agent:${agents[0].id}`
      : "domain:finance";
  const [target, setTargetState] = React.useState(initialTarget);
  const [conversationId, setConversationId] = React.useState<string | null>(open?.id ?? null);
  // What the next request names, read when it is sent (not state: the transport outlives renders).
  const [session] = React.useState(() => new ChatSession(open?.id ?? null, initialTarget));
  const [initialMessages] = React.useState<Msg[]>(() =>
    (open?.messages ?? []).map((m) => ({
      id: m.id,
      role: m.role,
      parts: m.parts,
      metadata: { engine: m.metadata.engine ?? undefined },
    })),
  );
  // useChat's id, fixed: the server's refresh after an answer (which then names the conversation)
  // must not give the page a new Chat.
  const [chatId] = React.useState(open?.id ?? "new");
  // An open conversation loads the chat client at once: its answer may still be streaming.
  const chat = useLazyChat(importDriver, initialMessages, Boolean(open));

  const onConversation = React.useCallback(
    (id: string) => {
      session.setConversation(id);
      setConversationId(id);
      window.history.replaceState(null, "", `/t/${slug}/assistants?c=${id}`);
    },
    [session, slug],
  );

  const stop = () => {
    const id = session.conversationId;
    chat.run((api) => void api.stop());
    if (id)
      void fetch(`/api/v1/ai-assistants/chat/${encodeURIComponent(id)}/stream`, {
        method: "DELETE",
        headers: { "Tessera-Tenant": slug },
      });
  };

  const newConversation = () => {
    session.setConversation(null);
    setConversationId(null);
    chat.setMessages([]);
    window.history.replaceState(null, "", `/t/${slug}/assistants`);
  };

  const setTarget = (next: string) => {
    session.setTarget(next);
    setTargetState(next);
  };

  const { Driver, view } = chat;
  return (
    <div className="grid gap-6 lg:grid-cols-[16rem_1fr]">
      {Driver && (
        <Driver
          slug={slug}
          session={session}
          chatId={chatId}
          initialMessages={view.messages}
          resume={chatId !== "new" && session.conversationId === chatId}
          onConversation={onConversation}
          bridge={chat.bridge}
        />
      )}
      <aside className="grid content-start gap-4" aria-label="Agents and conversations">
        <AgentPicker
          agents={props.agents}
          domains={props.domains}
          target={target}
          locked={Boolean(conversationId) && view.messages.length > 0}
          onTarget={setTarget}
          onNewConversation={newConversation}
        />
        {props.canManage && <AgentsPanel {...props} />}
        <ConversationList slug={slug} conversations={props.conversations} activeId={conversationId} />
      </aside>

      <section
        className="grid min-h-[60vh] content-between gap-4"
        aria-label="Chat"
        // Using the chat (focus, pointer) loads its client; a question sent before waits for it.
        onFocus={chat.load}
        onPointerEnter={chat.load}
      >
        <p className="text-xs text-muted-foreground" data-testid="engine-label">
          Engine: {props.engineLabel}
        </p>
        <ChatThread
          view={view}
          busy={chat.busy}
          loadState={chat.state}
          pendingQuestions={chat.queued.questions}
          empty={
            <li className="rounded-md border border-dashed p-6 text-sm text-muted-foreground">
              <Bot className="mb-2 size-5" aria-hidden />
              Ask about this workspace&apos;s numbers: “How much have we paid in invoices?”, “Which API routes get the
              most calls?”, “Review this contract: …”.
            </li>
          }
          waitingText="Reading the workspace's data…"
          errorText={(error) => error.message || "The answer failed."}
          onApprove={(id, approved) => chat.run((api) => void api.addToolApprovalResponse({ id, approved }))}
          onEdit={(messageId, text) => chat.run((api) => void api.sendMessage({ text, messageId }))}
          onRetryLoad={chat.load}
        />
        <ChatComposer
          busy={chat.busy}
          canRegenerate={view.messages.some((m) => m.role === "assistant")}
          onSend={(text) => chat.run((api) => void api.sendMessage({ text }), text)}
          onStop={stop}
          onRegenerate={() => chat.run((api) => void api.regenerate())}
        />
      </section>
    </div>
  );
}
