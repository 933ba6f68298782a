import { deleteAgent, getAgent, updateAgent } from "@/lib/assistants/agents";
import * as routes from "@/lib/api/v1/assistants";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.getAgent, async ({ ctx, params }) =>
  routes.toAgentResource(await getAgent(await ctx.tenantContext(), params.id)),
);

export const PATCH = apiRoute(routes.updateAgent, async ({ ctx, params, body }) =>
  routes.toAgentResource(await updateAgent(await ctx.tenantContext(), params.id, body)),
);

export const DELETE = apiRoute(routes.deleteAgent, async ({ ctx, params }) => {
  await deleteAgent(await ctx.tenantContext(), params.id);
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);
