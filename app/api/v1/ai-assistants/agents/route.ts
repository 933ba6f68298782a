import { createAgent, listAgents } from "@/lib/assistants/agents";
import * as routes from "@/lib/api/v1/assistants";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.listAgents, async ({ ctx }) => ({
  data: (await listAgents(await ctx.tenantContext())).map(routes.toAgentResource),
}));

export const POST = apiRoute(routes.createAgent, async ({ ctx, body }) =>
  routes.toAgentResource(await createAgent(await ctx.tenantContext(), body)),
);

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
