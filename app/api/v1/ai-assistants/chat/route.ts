import { chatStreamResponse, runChatToEnd, startChat } from "@/lib/assistants/chat";
import * as routes from "@/lib/api/v1/assistants";
import { toAssistantReply } from "@/lib/api/v1/serializers";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const POST = apiRoute(routes.chat, async ({ ctx, body, request }) => {
  const tenant = await ctx.tenantContext();
  if ((request.headers.get("accept") ?? "").includes("text/event-stream")) {
    // Resumable: the turn runs on when the request goes away (reload, dropped connection).
    return chatStreamResponse(await startChat(tenant, body, { resumable: true }));
  }
  const turn = await startChat(tenant, body, { abortSignal: request.signal });
  const outcome = await runChatToEnd(turn);
  return {
    conversation_id: outcome.conversationId,
    agent: outcome.agent,
    ...toAssistantReply(outcome),
    pending_approvals: outcome.pendingApprovals.map((p) => ({
      approval_id: p.approvalId,
      tool: p.toolName,
      input: p.input,
    })),
  };
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
