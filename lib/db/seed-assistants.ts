// Demo agents and help articles for the assistants: each demo workspace gets agents up to its
// plan's AI agents limit (at most three, so a demo admin can still create one where the plan
// allows), and two help articles for the support assistant. Idempotent: a workspace that already
// has agents is left alone.
import type { PrismaClient } from "./generated/client";
import { effectiveTier, TIER_DEFINITIONS } from "../tenancy/tiers";

const DEMO_AGENTS = [
  {
    name: "Finance desk",
    domain: "finance",
    tools: ["finance_overview", "finance_calculator", "export_invoices_csv"],
    instructions: "Quote invoice numbers when you cite one.",
  },
  {
    name: "API doctor",
    domain: "technical",
    tools: ["api_health", "explain_error_code", "create_api_key"],
    instructions: "",
  },
  {
    name: "Help desk",
    domain: "support",
    tools: ["search_knowledge"],
    instructions: "Answer in two short paragraphs at most.",
  },
] as const;

const ARTICLES = [
  {
    title: "Resetting your password",
    body: "Open your account menu, choose Security and press Reset password. A link valid for one hour is emailed to you. Signing out of all sessions also happens when you change the password.",
  },
  {
    title: "Why the API answers 429",
    body: "Every API key has a burst limit per 10 seconds and the workspace has a monthly quota of calls. A 429 Too Many Requests carries Retry-After; wait that long, or spread traffic over several keys. Upgrading the plan raises both limits.",
  },
];

export async function seedAssistants(db: PrismaClient, slugs: readonly string[], now = new Date()): Promise<void> {
  for (const slug of slugs) {
    const tenant = await db.tenant.findUnique({ where: { slug } });
    if (!tenant) continue;
    if ((await db.assistantAgent.count({ where: { tenantId: tenant.id } })) > 0) continue;
    const limit = TIER_DEFINITIONS[effectiveTier(tenant, now)].limits.aiAgents;
    const count = Math.min(DEMO_AGENTS.length, limit ?? DEMO_AGENTS.length, limit === null || limit > 3 ? 3 : limit);
    await db.assistantAgent.createMany({
      data: DEMO_AGENTS.slice(0, count).map((agent) => ({
        tenantId: tenant.id,
        name: agent.name,
        domain: agent.domain,
        tools: [...agent.tools],
        instructions: agent.instructions,
      })),
    });
    // Each article with its first version (lib/knowledge keeps every saved version).
    for (const article of ARTICLES) {
      const created = await db.knowledgeArticle.create({
        data: { tenantId: tenant.id, ...article, tags: ["getting-started"], published: true, updatedBy: "seed" },
      });
      await db.knowledgeArticleVersion.create({
        data: {
          tenantId: tenant.id,
          articleId: created.id,
          version: 1,
          title: created.title,
          body: created.body,
          tags: created.tags,
          published: true,
          savedBy: "seed",
        },
      });
    }
  }
}
