import { listAgents } from "@/lib/assistants/agents";
import { DOMAIN_TEMPLATES, DOMAINS } from "@/lib/assistants/domains";
import { currentEngine } from "@/lib/assistants/providers";
import * as routes from "@/lib/api/v1/assistants";
import { apiRoute } from "@/lib/http/api";
import { otherMethods } from "@/lib/http/methods";

export const GET = apiRoute(routes.listAssistants, async ({ ctx }) => {
  const tenant = await ctx.tenantContext();
  const engine = currentEngine(tenant.tier);
  return {
    domains: DOMAINS.map((d) => ({
      domain: d,
      label: DOMAIN_TEMPLATES[d].label,
      description: DOMAIN_TEMPLATES[d].description,
      tools: [...DOMAIN_TEMPLATES[d].tools],
    })),
    agents: (await listAgents(tenant)).map(routes.toAgentResource),
    engine: { provider: engine.provider, label: engine.label, offline: engine.offline },
  };
});

// Other methods: the JSON 405 with Allow (lib/http/methods.ts); /api/v1 is not behind proxy.ts.
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
