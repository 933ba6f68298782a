import { listConversations } from "@/lib/assistants/conversations";
import * as routes from "@/lib/api/v1/assistants";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(routes.listConversations, async ({ ctx, query }) => ({
  data: (await listConversations(await ctx.tenantContext(), { q: query.q, all: query.all })).map(
    routes.toConversationResource,
  ),
}));
