"use client";
// The chat's state: useChat over POST /api/v1/ai-assistants/chat (session + Tessera-Tenant
// header). The server keeps the conversation, so a request carries only the new message or the
// approval. An answer runs on the server to its end whatever the browser does: a reload or a
// dropped connection resumes it (GET …/chat/{id}/stream replays it from the start, then follows
// it), and Stop asks the server to stop it (DELETE …/chat/{id}/stream).
import * as React from "react";
import { useRouter } from "next/navigation";
import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport, lastAssistantMessageIsCompleteWithApprovalResponses } from "ai";

import type { AssistantsWorkspaceProps, Msg } from "./types";

/** The conversation and agent the next request names; read when a request is sent. */
class ChatSession {
  constructor(
    public conversationId: string | null,
    public target: string,
  ) {}
  setConversation(id: string | null) {
    this.conversationId = id;
  }
  setTarget(target: string) {
    this.target = target;
  }
}

export function useAssistantChat({ slug, open, agents }: Pick<AssistantsWorkspaceProps, "slug" | "open" | "agents">) {
  const router = useRouter();
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
    id: open?.id ?? "new",
    messages: (open?.messages ?? []).map((m) => ({
      id: m.id,
      role: m.role,
      parts: m.parts,
      metadata: { engine: m.metadata.engine ?? undefined },
    })),
    transport,
    sendAutomaticallyWhen: lastAssistantMessageIsCompleteWithApprovalResponses,
    onData: (part) => {
      if (part.type === "data-conversation") {
        const id = (part.data as { id?: string }).id;
        if (id && session.conversationId !== id) {
          session.setConversation(id);
          setConversationId(id);
          window.history.replaceState(null, "", `/t/${slug}/assistants?c=${id}`);
        }
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
    const resume = () => void chat.resumeStream();
    if (navigator.onLine) resume();
    else window.addEventListener("online", resume, { once: true });
  };

  // After a reload: follow the answer still streaming on the server; if it finished between the
  // page's render and now, read the saved conversation instead.
  const resumed = React.useRef(false);
  React.useEffect(() => {
    if (resumed.current || !open) return;
    resumed.current = true;
    const waiting = open.messages.at(-1)?.role === "user";
    void (async () => {
      await chat.resumeStream();
      if (!waiting || answered.current) return;
      const response = await fetch(`/api/v1/ai-assistants/conversations/${encodeURIComponent(open.id)}`, {
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

  const stop = () => {
    const id = session.conversationId;
    void chat.stop();
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

  const busy = chat.status === "submitted" || chat.status === "streaming";
  return { chat, busy, target, setTarget, conversationId, stop, newConversation };
}
