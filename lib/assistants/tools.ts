// The assistants' tool set over the workspace's own data: the read tools (./tool-reads.ts) and the
// acting ones, bound to the authorised caller. Acting tools need a person's approval
// (needsApproval) and then run the same domain function as the button that does the same thing,
// once per tool call (assistant_actions).
import "server-only";

import { tool, type ToolSet } from "ai";
import { z } from "zod";

import { createApiKey } from "../api-keys/keys";
import { TENANT_SCOPE_LIST } from "../api-keys/scopes";
import { withTenant } from "../db/tenant";
import { env } from "../env";
import { isAppError, isUniqueViolation } from "@/lib/errors";
import { writeAudit } from "../tenancy/audit";
import { actorOf } from "../tenancy/context";
import { createInvitation } from "../tenancy/invitations";
import { searchKnowledge } from "../knowledge/assistant";
import {
  calculate,
  calculatorInput,
  contractReviewOutput,
  copyReviewOutput,
  leadQualificationOutput,
  qualifyLead,
  reviewContract,
  reviewCopy,
} from "./analyzers";
import type { ActingTool, ToolName } from "./domains";
import {
  apiHealth,
  explainErrorCode,
  exportInvoicesCsv,
  financeOverview,
  onboardingPlan,
  refusal,
  requirePermission,
  teamRoster,
  upgradeCandidates,
  type Suggestion,
  type ToolContext,
  type ToolRefusal,
} from "./tool-reads";

export type { Suggestion, ToolContext, ToolGrounds, ToolRefusal } from "./tool-reads";

// ─── Acting tools: approval, then the same domain function as the button, once ─

/**
 * Runs an approved action once per tool call: the first call claims (tenant, toolCallId) and
 * records the result with the agent's name in the audit log; a repeat returns the stored result.
 */
export async function runApprovedAction<T>(
  tc: ToolContext,
  toolCallId: string,
  action: ActingTool,
  run: () => Promise<T>,
  describe: (result: T) => Record<string, unknown>,
): Promise<T | { already_ran: true; result: unknown }> {
  const tenantId = tc.ctx.tenant.id;
  try {
    await withTenant(tenantId, (tx) =>
      tx.assistantAction.create({
        data: {
          tenantId,
          toolCallId,
          conversationId: tc.conversationId,
          action,
          agentName: tc.agentName,
          userId: tc.ctx.user.id,
        },
      }),
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const stored = await withTenant(tenantId, (tx) => tx.assistantAction.findFirst({ where: { toolCallId } }));
    return { already_ran: true, result: stored?.result ?? null };
  }
  let result: T;
  try {
    result = await run();
  } catch (error) {
    // A refused action (permission, limit) is recorded as such; it does not run again.
    const message = isAppError(error) ? error.message : "The action failed.";
    await withTenant(tenantId, (tx) =>
      tx.assistantAction.updateMany({ where: { toolCallId }, data: { result: { error: message } } }),
    );
    throw error;
  }
  const recorded = describe(result);
  await withTenant(tenantId, async (tx) => {
    await tx.assistantAction.updateMany({
      where: { toolCallId },
      data: { result: JSON.parse(JSON.stringify(recorded)) },
    });
    await writeAudit(tx, tenantId, actorOf(tc.ctx), {
      action: "assistant.action_approved",
      targetType: "assistant_action",
      targetId: toolCallId,
      after: { agent: tc.agentName, tool: action, conversationId: tc.conversationId, ...recorded },
    });
  });
  return result;
}

// ─── The tool set ─────────────────────────────────────────────────────────────

const suggestionSchema = z.object({
  label: z.string(),
  tool: z.string().optional(),
  input: z.record(z.string(), z.unknown()).optional(),
  href: z.string().optional(),
});
export const groundsSchema = z.object({
  summary: z.string(),
  missing: z.array(z.string()),
  suggestions: z.array(suggestionSchema),
});

function safely<I, O>(fn: (input: I) => Promise<O>) {
  return async (input: I): Promise<O | ToolRefusal> => {
    try {
      return await fn(input);
    } catch (error) {
      if (isAppError(error)) return refusal(error.message);
      throw error;
    }
  };
}

/** `safely` for a call with no input (the acting tools' runs). */
const acting = <T>(run: () => Promise<T>): Promise<T | ToolRefusal> => safely(run)(undefined);

/** The tools an agent may use, bound to the authorised caller. */
export function buildTools(tc: ToolContext, allowed: readonly ToolName[]): ToolSet {
  const all = {
    finance_overview: tool({
      description: "The workspace's plan, subscription, invoices and spend by month from the billing ledger.",
      inputSchema: z.object({}),
      execute: safely(() => financeOverview(tc)),
    }),
    finance_calculator: tool({
      description: "Computes ROI, break-even volume or budget burn exactly. Amounts in major units.",
      inputSchema: calculatorInput,
      execute: async (input) => ({ ...calculate(input), suggestions: [] as Suggestion[] }),
    }),
    export_invoices_csv: tool({
      description: "Exports the workspace's invoices of the last N months as CSV (needs approval).",
      inputSchema: z.object({ months: z.number().int().min(1).max(36).default(12) }),
      needsApproval: true,
      execute: async ({ months }, { toolCallId }) =>
        acting(() =>
          runApprovedAction(
            tc,
            toolCallId,
            "export_invoices_csv",
            () => exportInvoicesCsv(tc, months),
            (r) => ({
              filename: r.filename,
              rows: r.rows,
            }),
          ),
        ),
    }),
    api_health: tool({
      description: "API calls by route and key, the plan's quota and burst limits, for the last N days.",
      inputSchema: z.object({ days: z.number().int().min(1).max(31).default(7) }),
      execute: safely(({ days }) => apiHealth(tc, days)),
    }),
    explain_error_code: tool({
      description: "Explains a Tessera API error code (e.g. rate_limited) or HTTP status (e.g. 429).",
      inputSchema: z.object({ code: z.string().min(1).max(40) }),
      execute: async ({ code }) => explainErrorCode(code),
    }),
    create_api_key: tool({
      description: "Creates an API key for the workspace (needs approval). The secret is shown once.",
      inputSchema: z.object({
        name: z.string().min(1).max(64),
        scopes: z
          .array(z.enum(TENANT_SCOPE_LIST as [string, ...string[]]))
          .min(1)
          .max(TENANT_SCOPE_LIST.length),
      }),
      needsApproval: true,
      execute: async ({ name, scopes }, { toolCallId }) =>
        acting(() =>
          runApprovedAction(
            tc,
            toolCallId,
            "create_api_key",
            async () => {
              // The same function and permission check as the "Create key" button (scopes beyond the
              // caller's role are refused there).
              const { key, secret } = await createApiKey(tc.ctx, { name, scopes });
              return { id: key.id, name: key.name, start: key.start, scopes: key.scopes, secret };
            },
            (r) => ({ keyId: r.id, name: r.name, start: r.start }),
          ),
        ),
      toModelOutput: ({ output }) => ({ type: "json", value: redactSecrets(output) as never }),
    }),
    search_knowledge: tool({
      description:
        "searchKnowledge: full-text search of the workspace's knowledge base (articles and uploaded documents). " +
        "Returns the best passages with their article or document, section and link, numbered [n] to cite, and a " +
        "confidence saying how much of the question they cover.",
      inputSchema: z.object({ query: z.string().min(1).max(200) }),
      execute: safely(
        async ({ query }) => requirePermission(tc.ctx, "knowledge:read") ?? searchKnowledge(tc.ctx, query),
      ),
    }),
    review_contract: tool({
      description:
        "Structured review of pasted contract text: clauses with risk, obligations, renewal, termination, edits.",
      inputSchema: z.object({ text: z.string().min(20).max(100_000) }),
      outputSchema: contractReviewOutput.extend({ suggestions: z.array(suggestionSchema) }),
      execute: async ({ text }) => ({ ...reviewContract(text), suggestions: [] }),
    }),
    team_roster: tool({
      description: "The workspace's members by role, pending invitations and free seats.",
      inputSchema: z.object({}),
      execute: safely(() => teamRoster(tc)),
    }),
    onboarding_plan: tool({
      description: "A three-week onboarding plan and a job description for a new member of a given role.",
      inputSchema: z.object({
        role: z.enum(["ADMIN", "BILLING", "MEMBER", "VIEWER"]),
        title: z.string().max(80).optional(),
      }),
      execute: safely(({ role, title }) => onboardingPlan(tc, role, title)),
    }),
    invite_member: tool({
      description: "Invites someone to the workspace by email with a role (needs approval).",
      inputSchema: z.object({
        email: z.string().email().max(254),
        role: z.enum(["ADMIN", "BILLING", "MEMBER", "VIEWER"]),
      }),
      needsApproval: true,
      execute: async ({ email, role }, { toolCallId }) =>
        acting(() =>
          runApprovedAction(
            tc,
            toolCallId,
            "invite_member",
            async () => {
              // The same function and permission check as the "Invite" button on the members page.
              const invitation = await createInvitation(tc.ctx, { email, role }, { baseUrl: env.APP_URL });
              return { id: invitation.id, email: invitation.email, role: invitation.role, emailed: invitation.emailed };
            },
            (r) => ({ invitationId: r.id, email: r.email, role: r.role }),
          ),
        ),
    }),
    review_copy: tool({
      description: "Scores campaign, landing-page or SEO copy against a checklist.",
      inputSchema: z.object({
        text: z.string().min(1).max(50_000),
        kind: z.enum(["campaign", "landing", "seo"]).default("landing"),
        keyword: z.string().max(80).optional(),
      }),
      outputSchema: copyReviewOutput.extend({ suggestions: z.array(suggestionSchema) }),
      execute: async ({ text, kind, keyword }) => ({ ...reviewCopy(text, kind, keyword), suggestions: [] }),
    }),
    qualify_lead: tool({
      description: "Qualifies a lead from notes with BANT or MEDDIC: criteria met, score and verdict.",
      inputSchema: z.object({
        notes: z.string().min(1).max(20_000),
        framework: z.enum(["BANT", "MEDDIC"]).default("BANT"),
      }),
      outputSchema: leadQualificationOutput.extend({ suggestions: z.array(suggestionSchema) }),
      execute: async ({ notes, framework }) => ({ ...qualifyLead(notes, framework), suggestions: [] }),
    }),
    upgrade_candidates: tool({
      description: "Upgrade signals: the workspace's usage near its plan's limits.",
      inputSchema: z.object({}),
      execute: safely(() => upgradeCandidates(tc)),
    }),
  } satisfies Record<ToolName, ToolSet[string]>;

  const out: ToolSet = {};
  for (const name of allowed) {
    const t = all[name];
    if (t) out[name] = t;
  }
  return out;
}

/** Tool outputs as stored and sent to a provider: secrets (a new API key's) never leave the stream. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = key === "secret" ? "[shown once]" : redactSecrets(inner);
    }
    return out;
  }
  return value;
}
