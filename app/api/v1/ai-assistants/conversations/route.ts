import { listConversations } from "@/lib/assistants/conversations";
import * as routes from "@/lib/api/v1/assistants";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.listConversations, async ({ ctx, query }) => ({
  data: (await listConversations(await ctx.tenantContext(), { q: query.q, all: query.all })).map(
    routes.toConversationResource,
  ),
}));

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
