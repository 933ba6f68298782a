// The assistants: pick an agent (or a domain), ask about the workspace's own numbers, see the
// answer stream with its tool cards, confidence and suggestions, approve actions. Conversations
// are kept per user; ?c=<id> reopens one.
import type { Metadata } from "next";

import { AssistantsWorkspace } from "@/components/assistants/assistants-workspace";
import { PageHeader } from "@/components/ui/page-header";
import { listAgents } from "@/lib/assistants/agents";
import { getConversation, listConversations, type StoredMessage } from "@/lib/assistants/conversations";
import { DOMAIN_TEMPLATES, DOMAINS } from "@/lib/assistants/domains";
import { currentEngine } from "@/lib/assistants/providers";
import { isAppError } from "@/lib/errors";
import { requireTenantPage } from "@/lib/http/tenant";
import { can } from "@/lib/tenancy/permissions";
import { TIER_DEFINITIONS, formatLimit } from "@/lib/tenancy/tiers";

export const metadata: Metadata = { title: "Assistants" };

export default async function AssistantsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ c?: string | string[] }>;
}) {
  const { slug } = await params;
  const { c } = await searchParams;
  const ctx = await requireTenantPage(slug, "assistants:use");
  const [agents, conversations] = await Promise.all([listAgents(ctx), listConversations(ctx)]);
  let open: { id: string; agentId: string | null; domain: string; messages: StoredMessage[] } | null = null;
  const wanted = typeof c === "string" ? c : null;
  if (wanted) {
    try {
      const found = await getConversation(ctx, wanted);
      if (found.conversation.userId === ctx.user.id) {
        open = {
          id: found.conversation.id,
          agentId: found.conversation.agentId,
          domain: found.conversation.domain,
          messages: found.messages,
        };
      }
    } catch (error) {
      if (!isAppError(error)) throw error;
    }
  }
  const engine = currentEngine(ctx.tier);
  const limit = TIER_DEFINITIONS[ctx.tier].limits.aiAgents;

  return (
    <>
      <PageHeader
        title="Assistants"
        description={`Answers from this workspace's own data. ${agents.length} of ${formatLimit(limit)} AI agents on the ${TIER_DEFINITIONS[ctx.tier].label} plan.`}
      />
      <AssistantsWorkspace
        slug={ctx.tenant.slug}
        canManage={can(ctx.role, "assistants:manage")}
        engineLabel={engine.label}
        domains={DOMAINS.map((d) => ({
          domain: d,
          label: DOMAIN_TEMPLATES[d].label,
          description: DOMAIN_TEMPLATES[d].description,
        }))}
        agents={agents.map((a) => ({ id: a.id, name: a.name, domain: a.domain, model: a.model }))}
        conversations={conversations.map((x) => ({
          id: x.id,
          title: x.title,
          updatedAt: x.updatedAt.toISOString(),
          tokens: x.inputTokens + x.outputTokens,
        }))}
        open={open}
        atLimit={limit !== null && agents.length >= limit}
      />
    </>
  );
}
