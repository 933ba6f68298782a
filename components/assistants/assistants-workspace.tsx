"use client";
// The assistants page: agents and conversations on the side, the chat in the middle. The chat
// streams from POST /api/v1/ai-assistants/chat (session + Tessera-Tenant header) with useChat;
// the server keeps the conversation, so a request carries only the new message or the approval.
// An answer runs on the server to its end whatever the browser does: a reload or a dropped
// connection resumes it (GET …/chat/{id}/stream replays it from the start, then follows it), and
// Stop asks the server to stop it (DELETE …/chat/{id}/stream).
import * as React from "react";
import { useRouter } from "next/navigation";
import { useChat } from "@ai-sdk/react";
import { DefaultChatTransport, lastAssistantMessageIsCompleteWithApprovalResponses, type UIMessage } from "ai";
import { Bot, Pencil, RefreshCw, Square, Trash2 } from "lucide-react";

import {
  createAgentAction,
  deleteAgentAction,
  deleteConversationAction,
  renameConversationAction,
} from "@/app/t/[slug]/assistants/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { CopyButton } from "@/components/workspace/copy-button";
import { useAction } from "@/components/actions/use-action";

import { AssessmentCard, NoticeCard, ToolCard, type AssessmentData } from "./tool-cards";
import { Markdown } from "./markdown";

interface Metadata {
  engine?: string;
  offline?: boolean;
  agent?: string;
  inputTokens?: number;
  outputTokens?: number;
}
type Msg = UIMessage<Metadata>;

export interface AssistantsWorkspaceProps {
  slug: string;
  canManage: boolean;
  engineLabel: string;
  domains: { domain: string; label: string; description: string }[];
  agents: { id: string; name: string; domain: string; model: string | null }[];
  conversations: { id: string; title: string; updatedAt: string; tokens: number }[];
  open: {
    id: string;
    agentId: string | null;
    domain: string;
    messages: { id: string; role: Msg["role"]; parts: Msg["parts"]; metadata: { engine: string | null } }[];
  } | null;
  atLimit: boolean;
}

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

export function AssistantsWorkspace(props: AssistantsWorkspaceProps) {
  const { slug, open } = props;
  const router = useRouter();
  const initialTarget = open
    ? open.agentId
      ? `agent:${open.agentId}`
      : `domain:${open.domain}`
    : props.agents[0]
      ? `agent:${props.agents[0].id}`
      : "domain:finance";
  const [target, setTarget] = React.useState(initialTarget);
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
  const [input, setInput] = React.useState("");
  const busy = chat.status === "submitted" || chat.status === "streaming";

  const newConversation = () => {
    session.setConversation(null);
    setConversationId(null);
    chat.setMessages([]);
    window.history.replaceState(null, "", `/t/${slug}/assistants`);
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const text = input.trim();
    if (!text || busy) return;
    setInput("");
    void chat.sendMessage({ text });
  };

  return (
    <div className="grid gap-6 lg:grid-cols-[16rem_1fr]">
      <aside className="grid content-start gap-4" aria-label="Agents and conversations">
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
              disabled={Boolean(conversationId) && chat.messages.length > 0}
              onChange={(e) => {
                session.setTarget(e.target.value);
                setTarget(e.target.value);
              }}
            >
              {props.agents.length > 0 && (
                <optgroup label="Your agents">
                  {props.agents.map((a) => (
                    <option key={a.id} value={`agent:${a.id}`}>
                      {a.name} ({a.domain})
                    </option>
                  ))}
                </optgroup>
              )}
              <optgroup label="Domain templates">
                {props.domains.map((d) => (
                  <option key={d.domain} value={`domain:${d.domain}`}>
                    {d.label}
                  </option>
                ))}
              </optgroup>
            </select>
            <Button type="button" variant="outline" size="sm" onClick={newConversation}>
              New conversation
            </Button>
          </CardContent>
        </Card>
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
        <form onSubmit={submit} className="grid gap-2">
          <Label htmlFor="assistant-input" className="sr-only">
            Your question
          </Label>
          <Textarea
            id="assistant-input"
            value={input}
            placeholder="Ask about your workspace… (Enter to send, Shift+Enter for a new line)"
            onChange={(e) => setInput(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey) submit(e);
            }}
          />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={busy || !input.trim()}>
              Send
            </Button>
            {busy && (
              <Button type="button" variant="outline" onClick={stop}>
                <Square aria-hidden /> Stop
              </Button>
            )}
            {!busy && chat.messages.some((m) => m.role === "assistant") && (
              <Button type="button" variant="outline" onClick={() => void chat.regenerate()}>
                <RefreshCw aria-hidden /> Regenerate
              </Button>
            )}
          </div>
        </form>
      </section>
    </div>
  );
}

function MessageView({
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

function AgentsPanel({ slug, agents, domains, atLimit }: AssistantsWorkspaceProps) {
  const formRef = React.useRef<HTMLFormElement>(null);
  const { formAction, error } = useAction(createAgentAction.bind(null, slug), {
    onSuccess: () => formRef.current?.reset(),
  });
  const remove = useAction(deleteAgentAction.bind(null, slug));
  return (
    <Card>
      <CardHeader>
        <CardTitle className="text-base">Agents</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-3">
        <ul className="grid gap-1 text-sm">
          {agents.map((a) => (
            <li key={a.id} className="flex items-center justify-between gap-2">
              <span>
                {a.name} <span className="text-muted-foreground">· {a.domain}</span>
              </span>
              <form action={remove.formAction}>
                <input type="hidden" name="id" value={a.id} />
                <Button type="submit" variant="ghost" size="icon" aria-label={`Delete agent ${a.name}`}>
                  <Trash2 aria-hidden />
                </Button>
              </form>
            </li>
          ))}
        </ul>
        <form ref={formRef} action={formAction} className="grid gap-2" aria-label="Create an agent">
          <Label htmlFor="agent-name">Name</Label>
          <Input id="agent-name" name="name" required maxLength={60} />
          <Label htmlFor="agent-domain">Domain</Label>
          <select
            id="agent-domain"
            name="domain"
            className="h-9 rounded-md border border-input bg-background px-2 text-sm"
          >
            {domains.map((d) => (
              <option key={d.domain} value={d.domain}>
                {d.label}
              </option>
            ))}
          </select>
          <Label htmlFor="agent-instructions">Instructions (optional)</Label>
          <Textarea id="agent-instructions" name="instructions" maxLength={4000} className="min-h-12" />
          {error && (
            <p role="alert" className="text-sm text-destructive">
              {error.message}
            </p>
          )}
          <Button type="submit" disabled={atLimit} title={atLimit ? "The plan's AI agents are all in use" : undefined}>
            Create agent
          </Button>
          {atLimit && <p className="text-xs text-muted-foreground">All of the plan&apos;s AI agents are in use.</p>}
        </form>
      </CardContent>
    </Card>
  );
}

function ConversationList({
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
