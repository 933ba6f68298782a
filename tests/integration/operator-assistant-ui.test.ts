// The operator console's assistant (/admin/assistant): the plain-text history the browser sends
// the operator route (answers that are only tool cards left out, the route's 50-message cap), the
// route's JSON error shown as its sentence, and the empty chat's suggested questions.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import {
  errorMessage,
  OPERATOR_SUGGESTIONS,
  OperatorAssistant,
  toOperatorMessages,
} from "@/components/assistants/operator-assistant";
import type { Msg } from "@/components/assistants/types";
import { operatorChatSchema } from "@/lib/assistants/schemas";

const text = (id: string, role: Msg["role"], value: string): Msg => ({
  id,
  role,
  parts: [{ type: "text", text: value }],
});

describe("toOperatorMessages", () => {
  it("sends the text of each turn, drops tool-only answers, and the route accepts it", () => {
    const toolOnly: Msg = {
      id: "a0",
      role: "assistant",
      parts: [{ type: "tool-platform_mrr", toolCallId: "c", state: "output-available", input: {}, output: {} }],
    } as Msg;
    const history = [
      text("u1", "user", "What is our MRR?"),
      {
        id: "a1",
        role: "assistant",
        parts: [
          { type: "text", text: "MRR is" },
          { type: "text", text: "up." },
        ],
      } as Msg,
      toolOnly,
      text("u2", "user", "  What moved revenue last month?  "),
    ];
    const messages = toOperatorMessages(history);
    expect(messages).toEqual([
      { role: "user", content: "What is our MRR?" },
      { role: "assistant", content: "MRR is\nup." },
      { role: "user", content: "What moved revenue last month?" },
    ]);
    expect(operatorChatSchema.safeParse({ messages }).success).toBe(true);
  });

  it("keeps the last 50 turns, the most the route takes", () => {
    const long = Array.from({ length: 61 }, (_, i) => text(`m${i}`, i % 2 ? "assistant" : "user", `turn ${i}`));
    const messages = toOperatorMessages(long);
    expect(messages).toHaveLength(50);
    expect(messages.at(-1)).toEqual({ role: "user", content: "turn 60" });
    expect(operatorChatSchema.safeParse({ messages }).success).toBe(true);
  });
});

describe("errorMessage", () => {
  it("reads the route's error sentence from its JSON body, and passes other messages through", () => {
    const body = JSON.stringify({ error: { code: "forbidden", message: "This endpoint is for platform operators." } });
    expect(errorMessage(new Error(body))).toBe("This endpoint is for platform operators.");
    expect(errorMessage(new Error("Failed to fetch"))).toBe("Failed to fetch");
    expect(errorMessage(new Error(""))).toBe("The answer failed.");
  });
});

describe("OperatorAssistant", () => {
  it("renders the engine and the suggested questions while the chat is empty", () => {
    const html = renderToStaticMarkup(createElement(OperatorAssistant, { engineLabel: "Offline engine (test)" }));
    expect(html).toContain("Engine: Offline engine (test)");
    for (const question of OPERATOR_SUGGESTIONS) expect(html).toContain(question.replace(/'/g, "&#x27;"));
    expect(html).toContain('aria-label="Suggested questions"');
  });
});
