"use server";
// Agents and conversations from the assistants page. Each action authenticates, resolves the
// workspace from the bound slug and checks its permission (tenantAction); the domain functions
// check again.
import { createAgent, deleteAgent } from "@/lib/assistants/agents";
import { deleteConversation, renameConversation } from "@/lib/assistants/conversations";
import { tenantAction } from "@/lib/http/action";

export const createAgentAction = tenantAction("assistants.create_agent", "assistants:manage", async (ctx, input) => {
  const agent = await createAgent(ctx, {
    name: input.name ?? "",
    domain: (input.domain ?? "") as never,
    instructions: input.instructions ?? "",
    model: input.model || undefined,
  });
  return { message: `Agent “${agent.name}” created.` };
});

export const deleteAgentAction = tenantAction("assistants.delete_agent", "assistants:manage", async (ctx, input) => {
  await deleteAgent(ctx, input.id ?? "");
  return { message: "Agent deleted." };
});

export const renameConversationAction = tenantAction("assistants.rename", "assistants:use", async (ctx, input) => {
  await renameConversation(ctx, input.id ?? "", { title: input.title ?? "" });
  return { message: "Renamed." };
});

export const deleteConversationAction = tenantAction("assistants.delete", "assistants:use", async (ctx, input) => {
  await deleteConversation(ctx, input.id ?? "");
  return { message: "Conversation deleted." };
});
