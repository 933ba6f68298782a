import { createAgent, listAgents } from "@/lib/assistants/agents";
import * as routes from "@/lib/api/v1/assistants";
import { apiRoute } from "@/lib/http/api";

export const GET = apiRoute(routes.listAgents, async ({ ctx }) => ({
  data: (await listAgents(await ctx.tenantContext())).map(routes.toAgentResource),
}));

export const POST = apiRoute(routes.createAgent, async ({ ctx, body }) =>
  routes.toAgentResource(await createAgent(await ctx.tenantContext(), body)),
);
