// Input and output schemas of the assistants: agents and chat requests (knowledge articles: lib/knowledge/schemas.ts).
import { z } from "zod";

import { singleLineText } from "@/lib/text";
import { DOMAINS, type Domain, toolsAllowedFor } from "./domains";

export const domainSchema = z.enum(DOMAINS, "Choose one of the seven domains.");

const toolList = z.array(z.string().trim().min(1).max(64)).max(20);

export const agentCreateSchema = z
  .object({
    name: singleLineText().min(1, "Give the agent a name.").max(60, "Use at most 60 characters."),
    domain: domainSchema,
    instructions: z.string().trim().max(4000, "Use at most 4000 characters.").default(""),
    model: singleLineText()
      .max(100)
      .optional()
      .transform((value) => value || undefined),
    /** The domain's tools this agent may use; absent = all of them. */
    tools: toolList.optional(),
  })
  .superRefine((input, ctx) => checkTools(input.domain, input.tools, ctx));

export const agentUpdateSchema = z.object({
  name: singleLineText().min(1, "Give the agent a name.").max(60, "Use at most 60 characters.").optional(),
  instructions: z.string().trim().max(4000, "Use at most 4000 characters.").optional(),
  model: singleLineText().max(100).nullable().optional(),
  tools: toolList.optional(),
});

export function checkTools(domain: Domain, tools: string[] | undefined, ctx: z.RefinementCtx): void {
  if (!tools) return;
  const allowed = toolsAllowedFor(domain);
  tools.forEach((tool, index) => {
    if (!allowed.has(tool)) {
      ctx.addIssue({ code: "custom", path: ["tools", index], message: `Not a tool of the ${domain} domain.` });
    }
  });
}

export type AgentCreateInput = z.input<typeof agentCreateSchema>;
export type AgentUpdateInput = z.input<typeof agentUpdateSchema>;

const textMessage = z.object({
  role: z.enum(["user", "assistant"]),
  content: z.string().trim().min(1, "Write a message.").max(100_000),
});

const uiMessage = z.object({
  id: z.string().min(1).max(100),
  role: z.enum(["user", "assistant"]),
  parts: z.array(z.record(z.string(), z.unknown())).max(200),
});

export const chatRequestSchema = z
  .object({
    agent_id: z.string().min(1).max(64).optional().describe("The agent to ask (or give domain)."),
    domain: domainSchema.optional().describe("Ask the domain's template when no agent is named."),
    conversation_id: z.string().min(1).max(64).optional().describe("Continue a conversation of yours."),
    messages: z
      .array(textMessage)
      .min(1)
      .max(50)
      .optional()
      .describe("Plain-text messages, the last one the user's question. With conversation_id only the last is used."),
    message: uiMessage
      .optional()
      .describe("The app's form: one AI SDK UI message (a new user message, or approval decisions)."),
  })
  .superRefine((body, ctx) => {
    if (!body.messages && !body.message)
      ctx.addIssue({ code: "custom", path: ["messages"], message: "Send messages." });
    if (!body.conversation_id && !body.agent_id && !body.domain) {
      ctx.addIssue({ code: "custom", path: ["domain"], message: "Name an agent_id or a domain." });
    }
    const last = body.messages?.at(-1);
    if (last && last.role !== "user")
      ctx.addIssue({ code: "custom", path: ["messages"], message: "The last message must be the user's." });
  });
export type ChatRequest = z.input<typeof chatRequestSchema>;

// The platform operator's own finance agent (lib/assistants/operator.ts): plain text, nothing stored.
const operatorMessage = z.object({
  role: z.enum(["user", "assistant"]),
  content: z.string().trim().min(1, "Write a message.").max(20_000),
});

export const operatorChatSchema = z
  .object({
    messages: z
      .array(operatorMessage)
      .min(1, "Send messages.")
      .max(50)
      .describe("Plain-text messages, the last one the operator's question. Nothing is stored."),
  })
  .superRefine((body, ctx) => {
    if (body.messages.at(-1)?.role !== "user")
      ctx.addIssue({ code: "custom", path: ["messages"], message: "The last message must be the user's." });
  });
export type OperatorChatRequest = z.input<typeof operatorChatSchema>;
