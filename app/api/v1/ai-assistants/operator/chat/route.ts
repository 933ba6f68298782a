import * as routes from "@/lib/api/v1/assistants";
import {
  OPERATOR_AGENT_NAME,
  operatorChatResponse,
  runOperatorChat,
  startOperatorChat,
} from "@/lib/assistants/operator";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const POST = apiRoute(routes.operatorChat, async ({ ctx, body, request }) => {
  const operator = ctx.operator();
  if ((request.headers.get("accept") ?? "").includes("text/event-stream")) {
    return operatorChatResponse(startOperatorChat(operator, body, { abortSignal: request.signal }));
  }
  const outcome = await runOperatorChat(operator, body, { abortSignal: request.signal });
  return {
    message: { id: outcome.messageId, role: "assistant" as const, content: outcome.text },
    agent: OPERATOR_AGENT_NAME,
    engine: {
      provider: outcome.engine.provider,
      model: outcome.engine.modelId,
      offline: outcome.engine.offline,
      label: outcome.engine.label,
    },
    confidence: outcome.assessment.confidence,
    assessment: outcome.assessment,
    suggestions: outcome.assessment.suggestions,
    usage: { input_tokens: outcome.usage.inputTokens, output_tokens: outcome.usage.outputTokens },
    error: outcome.error,
  };
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
