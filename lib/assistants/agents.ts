// Agents: a workspace's assistants made from the domain templates. Their number is the tier's
// "AI agents" limit, enforced like seats: counted under a per-tenant lock held to commit, so two
// creations racing for the last agent are decided one after the other.
import "server-only";

import { withTenant, type TenantTx } from "../db/tenant";
import type { AssistantAgent } from "../db/generated/client";
import type { Tier } from "../db/generated/enums";
import { AppError, isUniqueViolation, parseInput } from "@/lib/errors";
import { writeAudit } from "../tenancy/audit";
import { actorOf, assertActive, assertCan, type TenantContext } from "../tenancy/context";
import { formatLimit, TIER_DEFINITIONS } from "../tenancy/tiers";
import { DOMAIN_TEMPLATES, isDomain, toolsAllowedFor, type Domain, type ToolName } from "./domains";
import {
  agentCreateSchema,
  agentUpdateSchema,
  checkTools,
  type AgentCreateInput,
  type AgentUpdateInput,
} from "./schemas";
import { z } from "zod";

export interface Agent {
  id: string;
  name: string;
  domain: Domain;
  instructions: string;
  model: string | null;
  tools: ToolName[];
  createdAt: Date;
  updatedAt: Date;
}

export function toAgent(row: AssistantAgent): Agent {
  const domain: Domain = isDomain(row.domain) ? row.domain : "support";
  const allowed = toolsAllowedFor(domain);
  return {
    id: row.id,
    name: row.name,
    domain,
    instructions: row.instructions,
    model: row.model,
    tools: row.tools.filter((tool): tool is ToolName => allowed.has(tool)),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export async function lockAgents(tx: TenantTx, tenantId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('tenant-agents'), hashtext(${tenantId}))`;
}

export async function countAgents(tx: TenantTx): Promise<number> {
  return tx.assistantAgent.count({});
}

/** Throws limit_exceeded when one more agent would pass the tier's "AI agents" limit. */
export async function assertAgentAvailable(tx: TenantTx, tier: Tier): Promise<void> {
  const limit = TIER_DEFINITIONS[tier].limits.aiAgents;
  if (limit === null) return;
  const agents = await countAgents(tx);
  if (agents + 1 > limit) {
    const plan = TIER_DEFINITIONS[tier].label;
    throw new AppError(
      "limit_exceeded",
      `The ${plan} plan includes ${formatLimit(limit)} AI agent${limit === 1 ? "" : "s"} and this workspace has ${agents}. ` +
        "Upgrade the plan or delete an agent first.",
      { limit, agents },
    );
  }
}

function nameTaken(): AppError {
  return new AppError("conflict", "An agent with that name exists.", { name: ["An agent with that name exists."] });
}

export async function listAgents(ctx: TenantContext): Promise<Agent[]> {
  assertCan(ctx, "assistants:use");
  const rows = await withTenant(ctx.tenant.id, (tx) => tx.assistantAgent.findMany({ orderBy: { createdAt: "asc" } }));
  return rows.map(toAgent);
}

export async function getAgent(ctx: TenantContext, id: string): Promise<Agent> {
  assertCan(ctx, "assistants:use");
  const row = await withTenant(ctx.tenant.id, (tx) => tx.assistantAgent.findFirst({ where: { id } }));
  if (!row) throw AppError.notFound("No such agent in this workspace.");
  return toAgent(row);
}

export async function createAgent(ctx: TenantContext, input: AgentCreateInput): Promise<Agent> {
  assertCan(ctx, "assistants:manage");
  assertActive(ctx);
  const data = parseInput(agentCreateSchema, input);
  try {
    const row = await withTenant(ctx.tenant.id, async (tx) => {
      await lockAgents(tx, ctx.tenant.id);
      await assertAgentAvailable(tx, ctx.tier);
      if (await tx.assistantAgent.findFirst({ where: { name: data.name } })) throw nameTaken();
      const created = await tx.assistantAgent.create({
        data: {
          tenantId: ctx.tenant.id,
          name: data.name,
          domain: data.domain,
          instructions: data.instructions,
          model: data.model ?? null,
          tools: data.tools ?? [...DOMAIN_TEMPLATES[data.domain].tools],
          createdById: ctx.user.id,
        },
      });
      await writeAudit(tx, ctx.tenant.id, actorOf(ctx), {
        action: "assistant_agent.created",
        targetType: "assistant_agent",
        targetId: created.id,
        after: { name: created.name, domain: created.domain, model: created.model, tools: created.tools },
      });
      return created;
    });
    return toAgent(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

export async function updateAgent(ctx: TenantContext, id: string, input: AgentUpdateInput): Promise<Agent> {
  assertCan(ctx, "assistants:manage");
  assertActive(ctx);
  const data = parseInput(agentUpdateSchema, input);
  try {
    const row = await withTenant(ctx.tenant.id, async (tx) => {
      const before = await tx.assistantAgent.findFirst({ where: { id } });
      if (!before) throw AppError.notFound("No such agent in this workspace.");
      if (data.tools && isDomain(before.domain)) {
        const domain = before.domain;
        parseInput(
          z.object({ tools: z.array(z.string()) }).superRefine((v, c) => checkTools(domain, v.tools, c)),
          { tools: data.tools },
        );
      }
      if (
        data.name &&
        data.name !== before.name &&
        (await tx.assistantAgent.findFirst({ where: { name: data.name } }))
      ) {
        throw nameTaken();
      }
      const updated = await tx.assistantAgent.update({
        where: { tenantId_id: { tenantId: ctx.tenant.id, id } },
        data: {
          ...(data.name !== undefined ? { name: data.name } : {}),
          ...(data.instructions !== undefined ? { instructions: data.instructions } : {}),
          ...(data.model !== undefined ? { model: data.model || null } : {}),
          ...(data.tools !== undefined ? { tools: data.tools } : {}),
        },
      });
      await writeAudit(tx, ctx.tenant.id, actorOf(ctx), {
        action: "assistant_agent.updated",
        targetType: "assistant_agent",
        targetId: id,
        before: { name: before.name, model: before.model, tools: before.tools },
        after: { name: updated.name, model: updated.model, tools: updated.tools },
      });
      return updated;
    });
    return toAgent(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

export async function deleteAgent(ctx: TenantContext, id: string): Promise<void> {
  assertCan(ctx, "assistants:manage");
  await withTenant(ctx.tenant.id, async (tx) => {
    const before = await tx.assistantAgent.findFirst({ where: { id } });
    if (!before) throw AppError.notFound("No such agent in this workspace.");
    await tx.assistantAgent.deleteMany({ where: { id } });
    await writeAudit(tx, ctx.tenant.id, actorOf(ctx), {
      action: "assistant_agent.deleted",
      targetType: "assistant_agent",
      targetId: id,
      before: { name: before.name, domain: before.domain },
    });
  });
}
