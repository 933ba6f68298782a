import { resumeChat, stopChat } from "@/lib/assistants/chat";
import * as routes from "@/lib/api/v1/assistants";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.resumeChat, async ({ ctx, params }) => {
  return resumeChat(await ctx.tenantContext(), params.id);
});

export const DELETE = apiRoute(routes.stopChat, async ({ ctx, params }) => {
  await stopChat(await ctx.tenantContext(), params.id);
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, PATCH, OPTIONS } = otherMethods(["GET", "DELETE"]);
