import { z } from "zod";

import { chatRequestSchema, operatorChatSchema } from "../../assistants/schemas";
import { DOMAINS } from "../../assistants/domains";
import { agentCreateSchema, agentUpdateSchema } from "../../assistants/schemas";
import { defineRoute } from "../define";
import { idParams } from "./common";

const domain = z.enum(DOMAINS);

export const agentResource = z
  .object({
    id: z.string(),
    name: z.string(),
    domain,
    instructions: z.string(),
    model: z.string().nullable().describe("null = the tier's default model."),
    tools: z.array(z.string()),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "AssistantAgent" });

const suggestion = z.object({ label: z.string(), tool: z.string().optional(), href: z.string().optional() });

export const assessmentResource = z
  .object({
    confidence: z.number().min(0).max(1),
    grounds: z.array(z.object({ tool: z.string(), ok: z.boolean(), summary: z.string() })),
    missing: z.array(z.string()),
    suggestions: z.array(suggestion),
  })
  .meta({ id: "AssistantAssessment", description: "How sure the answer is, what it rests on, what to do next." });

/** What every assistant turn answers with (toAssistantReply in serializers.ts). */
const assistantReply = z.object({
  message: z.object({ id: z.string(), role: z.literal("assistant"), content: z.string() }),
  agent: z.string(),
  engine: z.object({ provider: z.string(), model: z.string(), offline: z.boolean(), label: z.string() }),
  confidence: z.number().min(0).max(1),
  assessment: assessmentResource,
  suggestions: z.array(suggestion),
  usage: z.object({ input_tokens: z.number().int(), output_tokens: z.number().int() }),
  error: z.string().nullable().describe("Set when the provider failed or timed out; what was answered is kept."),
});

export const chatResponse = assistantReply
  .extend({
    conversation_id: z.string(),
    pending_approvals: z
      .array(z.object({ approval_id: z.string(), tool: z.string(), input: z.unknown() }))
      .describe("Acting suggestions waiting for a person's approval in the app."),
  })
  .meta({ id: "AssistantChatResponse" });

export const conversationResource = z
  .object({
    id: z.string(),
    title: z.string(),
    domain: z.string(),
    agent_id: z.string().nullable(),
    user_id: z.string(),
    input_tokens: z.number().int(),
    output_tokens: z.number().int(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "AssistantConversation" });

export const listAssistants = defineRoute({
  operationId: "listAssistants",
  method: "GET",
  path: "/api/v1/ai-assistants",
  tag: "Assistants",
  summary: "List domains and agents",
  description: "The seven domain templates and the workspace's agents.",
  audience: "tenant",
  scope: "assistants:use",
  response: z
    .object({
      domains: z.array(z.object({ domain, label: z.string(), description: z.string(), tools: z.array(z.string()) })),
      agents: z.array(agentResource),
      engine: z.object({ provider: z.string(), label: z.string(), offline: z.boolean() }),
    })
    .meta({ id: "AssistantCatalog" }),
});

export const chat = defineRoute({
  operationId: "chatWithAssistant",
  method: "POST",
  path: "/api/v1/ai-assistants/chat",
  tag: "Assistants",
  summary: "Ask an assistant",
  description:
    "Answers from the workspace's own data through the agent's tools. JSON by default; with " +
    "“Accept: text/event-stream” the answer streams as the AI SDK's UI message stream (SSE), ending with a " +
    "data-assessment part. Counts against the per-user chat rate limit and the plan's monthly AI tokens.",
  audience: "tenant",
  scope: "assistants:use",
  body: chatRequestSchema,
  response: chatResponse,
  status: 200,
  errors: ["not_found", "limit_exceeded", "rate_limited", "conflict"],
});

export const resumeChat = defineRoute({
  operationId: "resumeAssistantStream",
  method: "GET",
  path: "/api/v1/ai-assistants/chat/{id}/stream",
  tag: "Assistants",
  summary: "Resume a conversation's running answer",
  description:
    "For the conversation {id}: the answer being streamed (or just finished and not yet saved), replayed " +
    "from its first chunk and then followed live, as the same UI message stream (SSE). Answers 204 when no " +
    "answer is running. A reload or a dropped connection uses it; the turn itself runs on.",
  audience: "tenant",
  scope: "assistants:use",
  params: idParams,
  status: 204,
  errors: ["not_found"],
});

export const stopChat = defineRoute({
  operationId: "stopAssistantStream",
  method: "DELETE",
  path: "/api/v1/ai-assistants/chat/{id}/stream",
  tag: "Assistants",
  summary: "Stop a conversation's running answer",
  description:
    "Stops the answer being streamed for the conversation {id} (closing the stream does not stop it). What " +
    "was streamed is kept and saved. Answers 204 whether or not an answer was running.",
  audience: "tenant",
  scope: "assistants:use",
  params: idParams,
  status: 204,
  errors: ["not_found"],
});

export const listConversations = defineRoute({
  operationId: "listAssistantConversations",
  method: "GET",
  path: "/api/v1/ai-assistants/conversations",
  tag: "Assistants",
  summary: "List your conversations",
  description: "Newest first. Admins may pass all=true to list everyone's.",
  audience: "tenant",
  scope: "assistants:use",
  query: z.object({
    q: z.string().trim().max(100).optional().describe("Title contains (case-insensitive)."),
    all: z
      .enum(["true", "false"])
      .optional()
      .transform((v) => v === "true")
      .describe("Admins: everyone's conversations."),
  }),
  response: z.object({ data: z.array(conversationResource) }).meta({ id: "AssistantConversationList" }),
});

export const getConversation = defineRoute({
  operationId: "getAssistantConversation",
  method: "GET",
  path: "/api/v1/ai-assistants/conversations/{id}",
  tag: "Assistants",
  summary: "Get a conversation with its messages",
  description: "Visible to its owner and the workspace's admins.",
  audience: "tenant",
  scope: "assistants:use",
  params: idParams,
  response: conversationResource
    .extend({
      messages: z.array(
        z.object({
          id: z.string(),
          role: z.enum(["system", "user", "assistant"]),
          parts: z.array(z.unknown()),
          engine: z.string().nullable(),
          input_tokens: z.number().int(),
          output_tokens: z.number().int(),
          created_at: z.iso.datetime(),
        }),
      ),
    })
    .meta({ id: "AssistantConversationDetail" }),
  errors: ["not_found"],
});

export const listAgents = defineRoute({
  operationId: "listAssistantAgents",
  method: "GET",
  path: "/api/v1/ai-assistants/agents",
  tag: "Assistants",
  summary: "List agents",
  audience: "tenant",
  scope: "assistants:use",
  response: z.object({ data: z.array(agentResource) }).meta({ id: "AssistantAgentList" }),
});

export const createAgent = defineRoute({
  operationId: "createAssistantAgent",
  method: "POST",
  path: "/api/v1/ai-assistants/agents",
  tag: "Assistants",
  summary: "Create an agent",
  description: "Counts against the plan's AI agents; beyond it answers 403 limit_exceeded like invitations.",
  audience: "tenant",
  scope: "assistants:use",
  body: agentCreateSchema,
  response: agentResource,
  status: 201,
  errors: ["limit_exceeded", "conflict"],
});

export const getAgent = defineRoute({
  operationId: "getAssistantAgent",
  method: "GET",
  path: "/api/v1/ai-assistants/agents/{id}",
  tag: "Assistants",
  summary: "Get an agent",
  audience: "tenant",
  scope: "assistants:use",
  params: idParams,
  response: agentResource,
  errors: ["not_found"],
});

export const updateAgent = defineRoute({
  operationId: "updateAssistantAgent",
  method: "PATCH",
  path: "/api/v1/ai-assistants/agents/{id}",
  tag: "Assistants",
  summary: "Update an agent",
  audience: "tenant",
  scope: "assistants:use",
  params: idParams,
  body: agentUpdateSchema,
  response: agentResource,
  errors: ["not_found", "conflict"],
});

export const deleteAgent = defineRoute({
  operationId: "deleteAssistantAgent",
  method: "DELETE",
  path: "/api/v1/ai-assistants/agents/{id}",
  tag: "Assistants",
  summary: "Delete an agent",
  description: "Frees one of the plan's AI agents. Answers 204.",
  audience: "tenant",
  scope: "assistants:use",
  params: idParams,
  status: 204,
  errors: ["not_found"],
});

// ─── Serializers ──────────────────────────────────────────────────────────────

import type { Agent } from "../../assistants/agents";
import type { ConversationSummary } from "../../assistants/conversations";

export function toAgentResource(agent: Agent): z.input<typeof agentResource> {
  return {
    id: agent.id,
    name: agent.name,
    domain: agent.domain,
    instructions: agent.instructions,
    model: agent.model,
    tools: agent.tools,
    created_at: agent.createdAt.toISOString(),
    updated_at: agent.updatedAt.toISOString(),
  };
}

export function toConversationResource(c: ConversationSummary): z.input<typeof conversationResource> {
  return {
    id: c.id,
    title: c.title,
    domain: c.domain,
    agent_id: c.agentId,
    user_id: c.userId,
    input_tokens: c.inputTokens,
    output_tokens: c.outputTokens,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  };
}

export const operatorChat = defineRoute({
  operationId: "chatWithOperatorAssistant",
  method: "POST",
  path: "/api/v1/ai-assistants/operator/chat",
  tag: "Assistants",
  summary: "Ask the platform operator's finance assistant",
  description:
    "The platform operator's own agent: answers about the platform's revenue (MRR, ARR, paying workspaces, " +
    "new, expansion, contraction and churn movements) from the revenue report, through tools that take the " +
    "authorised operator. Platform keys or a signed-in operator only. Nothing is stored; send the plain-text " +
    "history. JSON by default; with “Accept: text/event-stream” the answer streams as the AI SDK's UI message " +
    "stream, ending with a data-assessment part.",
  audience: "platform",
  scope: "platform:read",
  body: operatorChatSchema,
  response: assistantReply.meta({ id: "OperatorAssistantChatResponse" }),
  status: 200,
});
