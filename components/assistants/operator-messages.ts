// The operator chat's request and error shapes (/api/v1/ai-assistants/operator/chat), shared by the
// page (operator-assistant.tsx) and its lazily loaded chat driver (chat-drivers.tsx).
import type { Msg } from "./types";

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
