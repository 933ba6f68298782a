import { getConversation } from "@/lib/assistants/conversations";
import * as routes from "@/lib/api/v1/assistants";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.getConversation, async ({ ctx, params }) => {
  const { conversation, messages } = await getConversation(await ctx.tenantContext(), params.id);
  return {
    ...routes.toConversationResource(conversation),
    messages: messages.map((m) => ({
      id: m.id,
      role: m.role,
      parts: m.parts,
      engine: m.metadata.engine,
      input_tokens: m.metadata.inputTokens,
      output_tokens: m.metadata.outputTokens,
      created_at: m.metadata.createdAt,
    })),
  };
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
