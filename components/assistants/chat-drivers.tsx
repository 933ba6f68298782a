"use client";
// The chats' AI SDK side, loaded when a chat is used (lazy-chat.ts): components that render nothing,
// run useChat and report its state to the page that draws it.
//
// WorkspaceChatDriver: POST /api/v1/ai-assistants/chat (session + Tessera-Tenant header). The
// server keeps the conversation, so a request carries only the new message or the approval. An
// answer runs on the server to its end whatever the browser does: a reload or a dropped
// connection resumes it (GET …/chat/{id}/stream replays it from the start, then follows it), and
// Stop asks the server to stop it (DELETE …/chat/{id}/stream, sent by the page).
//
// OperatorChatDriver: POST /api/v1/ai-assistants/operator/chat with the operator's session; nothing
// is stored, each request carries the tab's history as plain text (the route's `messages` form).
import * as React from "react";
import { useRouter } from "next/navigation";
import { useChat, type UseChatHelpers } from "@ai-sdk/react";
import { DefaultChatTransport, lastAssistantMessageIsCompleteWithApprovalResponses } from "ai";

import type { ChatSession } from "./chat-session";
import type { ChatApi, ChatBridge } from "./lazy-chat";
import { toOperatorMessages } from "./operator-messages";
import type { Msg } from "./types";

/** Reports useChat's state to the page on every change, and hands over its calls once. */
function useBridge(chat: UseChatHelpers<Msg>, bridge: ChatBridge) {
  const { messages, status, error } = chat;
  React.useEffect(() => bridge.onChange({ messages, status, error }), [bridge, messages, status, error]);
  // The calls go to the Chat of the latest render (useChat makes a new one if its id changes).
  const latest = React.useRef(chat);
  React.useEffect(() => {
    latest.current = chat;
  });
  React.useEffect(() => {
    const api: ChatApi = {
      sendMessage: (message) => latest.current.sendMessage(message),
      regenerate: () => latest.current.regenerate(),
      stop: () => latest.current.stop(),
      addToolApprovalResponse: (response) => latest.current.addToolApprovalResponse(response),
      setMessages: (next) => latest.current.setMessages(next),
      clearError: () => latest.current.clearError(),
    };
    bridge.onReady(api);
  }, [bridge]);
}

export interface WorkspaceChatDriverProps {
  slug: string;
  session: ChatSession;
  /** useChat's id, fixed for the page's life: the conversation it opened with, or "new". */
  chatId: string;
  /** What the page shows when the driver mounts (the server's history, or nothing). */
  initialMessages: Msg[];
  /** Follow an answer the server may still be streaming for this conversation (after a reload). */
  resume: boolean;
  /** The server named the conversation a new one was saved as. */
  onConversation: (id: string) => void;
  bridge: ChatBridge;
}

export function WorkspaceChatDriver({
  slug,
  session,
  chatId,
  initialMessages,
  resume,
  onConversation,
  bridge,
}: WorkspaceChatDriverProps) {
  const router = useRouter();
  const transport = React.useMemo(
    () =>
      new DefaultChatTransport<Msg>({
        api: "/api/v1/ai-assistants/chat",
        headers: { "Tessera-Tenant": slug, Accept: "text/event-stream" },
        prepareReconnectToStreamRequest: ({ headers }) => ({
          api: `/api/v1/ai-assistants/chat/${encodeURIComponent(session.conversationId ?? "none")}/stream`,
          headers,
        }),
        prepareSendMessagesRequest: ({ messages }) => {
          const last = messages.at(-1);
          const [kind, value] = session.target.split(":");
          return {
            body: {
              ...(session.conversationId
                ? { conversation_id: session.conversationId }
                : kind === "agent"
                  ? { agent_id: value }
                  : { domain: value }),
              message: last ? { id: last.id, role: last.role, parts: last.parts } : undefined,
            },
          };
        },
      }),
    [slug, session],
  );

  // Set when an answer (sent or resumed) finishes on this page.
  const answered = React.useRef(false);
  const chat = useChat<Msg>({
    id: chatId,
    messages: initialMessages,
    transport,
    sendAutomaticallyWhen: lastAssistantMessageIsCompleteWithApprovalResponses,
    onData: (part) => {
      if (part.type === "data-conversation") {
        const id = (part.data as { id?: string }).id;
        if (id && session.conversationId !== id) onConversation(id);
      }
    },
    onFinish: () => {
      answered.current = true;
      router.refresh();
    },
    onError: (error) => {
      // A dropped connection: the answer runs on at the server; follow it again once back online.
      if (error instanceof TypeError && session.conversationId) resumeWhenOnline();
    },
  });
  const resumeWhenOnline = () => {
    const follow = () => void chat.resumeStream();
    if (navigator.onLine) follow();
    else window.addEventListener("online", follow, { once: true });
  };
  useBridge(chat, bridge);

  // After a reload: follow the answer still streaming on the server; if it finished between the
  // page's render and now, read the saved conversation instead.
  const resumed = React.useRef(false);
  React.useEffect(() => {
    if (resumed.current || !resume || !session.conversationId) return;
    resumed.current = true;
    const id = session.conversationId;
    const waiting = initialMessages.at(-1)?.role === "user";
    void (async () => {
      await chat.resumeStream();
      if (!waiting || answered.current) return;
      const response = await fetch(`/api/v1/ai-assistants/conversations/${encodeURIComponent(id)}`, {
        headers: { "Tessera-Tenant": slug },
      });
      if (!response.ok) return;
      const saved = (await response.json()) as { messages: { id: string; role: Msg["role"]; parts: Msg["parts"] }[] };
      if (saved.messages.at(-1)?.role === "assistant")
        chat.setMessages(saved.messages.map((m) => ({ id: m.id, role: m.role, parts: m.parts })));
    })();
    // Once per page: the chat object is stable for this conversation.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return null;
}

export function OperatorChatDriver({ bridge }: { bridge: ChatBridge }) {
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
  useBridge(chat, bridge);
  return null;
}
