import * as routes from "@/lib/api/v1/assistants";
import { toAssistantReply } from "@/lib/api/v1/serializers";
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
  return { agent: OPERATOR_AGENT_NAME, ...toAssistantReply(outcome) };
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
