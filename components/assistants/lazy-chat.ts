"use client";
// The chat's client loaded when it is used. The AI SDK's chat client (useChat, its transport and
// the zod schemas it checks the message stream with: ≈ 108 kB gzip) lives in chat-drivers.tsx, a
// component that renders nothing: it runs useChat and reports the messages, status and error up
// to the page, which draws them (message list, composer) from the first paint, rendered on the
// server. The page loads the driver when the chat is used (focus or pointer in the chat, or at
// once for a conversation that may still be streaming); what is asked before it is ready (a
// question sent, an approval, Regenerate) waits in a queue and runs once it is, so nothing typed
// or clicked is lost, and nothing in the page is remounted when it arrives (focus and the
// composer's text stay where they are).
import * as React from "react";
import type { ChatStatus } from "ai";

import type { Msg } from "./types";

/** What the page draws: the driver's useChat state, or the server's history before it loads. */
export interface ChatView {
  messages: Msg[];
  status: ChatStatus;
  error: Error | undefined;
}

/** The useChat calls the page makes (the driver hands them over once mounted). */
export interface ChatApi {
  sendMessage: (message: { text: string; messageId?: string }) => Promise<void>;
  regenerate: () => Promise<void>;
  stop: () => Promise<void>;
  addToolApprovalResponse: (response: { id: string; approved: boolean }) => void | PromiseLike<void>;
  setMessages: (messages: Msg[]) => void;
  clearError: () => void;
}

/** How a driver reports to the page; stable for the page's life. */
export interface ChatBridge {
  onChange: (view: ChatView) => void;
  onReady: (api: ChatApi) => void;
}

export type LoadState = "idle" | "loading" | "ready" | "failed";

/**
 * The page's side of a lazily loaded chat driver. `importDriver` is the dynamic import (a literal
 * `import()`, so the bundler splits it off); `eager` loads it right after the first paint.
 */
export function useLazyChat<P>(
  importDriver: () => Promise<React.ComponentType<P & { bridge: ChatBridge }>>,
  initialMessages: Msg[],
  eager = false,
) {
  const [view, setView] = React.useState<ChatView>(() => ({
    messages: initialMessages,
    status: "ready",
    error: undefined,
  }));
  const [Driver, setDriver] = React.useState<React.ComponentType<P & { bridge: ChatBridge }> | null>(null);
  const [state, setState] = React.useState<LoadState>("idle");
  /** The questions among the calls made before the driver was ready (shown as sent), and how many calls wait. */
  const [queued, setQueued] = React.useState<{ count: number; questions: string[] }>({ count: 0, questions: [] });
  const api = React.useRef<ChatApi | null>(null);
  const queue = React.useRef<{ call: (api: ChatApi) => void; question?: string }[]>([]);
  const loading = React.useRef(false);

  const load = React.useCallback(() => {
    if (loading.current) return;
    loading.current = true;
    setState("loading");
    importDriver().then(
      (component) => setDriver(() => component),
      () => {
        // A chunk that did not arrive (offline, a new deployment): say so; the next use retries.
        loading.current = false;
        setState("failed");
      },
    );
    // The import is a literal function of the page; it does not change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Eager: the import starts during hydration's first render, not after it (an answer that is
  // still streaming after a reload is followed again sooner); the effect then waits for it.
  React.useState(() => {
    if (eager && typeof window !== "undefined") importDriver().catch(() => undefined);
  });
  React.useEffect(() => {
    if (eager) load();
  }, [eager, load]);

  const bridge = React.useMemo<ChatBridge>(
    () => ({
      onChange: setView,
      onReady: (ready) => {
        api.current = ready;
        setState("ready");
        const waiting = queue.current.splice(0);
        setQueued({ count: 0, questions: [] });
        for (const { call } of waiting) call(ready);
      },
    }),
    [],
  );

  /**
   * Runs a chat call now, or once the driver is ready (loading it if need be). `question`: the
   * text the call asks, shown as sent while it waits.
   */
  const run = React.useCallback(
    (call: (api: ChatApi) => void, question?: string) => {
      if (api.current) return call(api.current);
      queue.current.push({ call, question });
      setQueued({
        count: queue.current.length,
        questions: queue.current.flatMap((entry) => (entry.question === undefined ? [] : [entry.question])),
      });
      load();
    },
    [load],
  );

  /** Sets the messages shown, through useChat once it runs. */
  const setMessages = React.useCallback((messages: Msg[]) => {
    if (api.current) api.current.setMessages(messages);
    else setView((current) => ({ ...current, messages }));
  }, []);

  const busy = view.status === "submitted" || view.status === "streaming" || queued.count > 0;
  return { view, Driver, bridge, load, run, setMessages, state, queued, busy };
}
