// The assistants' read tools over the workspace's own data, and what every tool answers besides
// its data (grounds: summary, what is missing, suggestions) or instead of it (a refusal). Every
// read goes through the tenant-scoped client (withTenant: pinned queries + RLS) with the tenant of
// the authorised caller, never a tenant id from the model, and checks the caller's own permission
// like the page that shows the same data. The tool set that exposes them is ./tools.ts.
import "server-only";

import { withTenant } from "../db/tenant";
import { AppError, ERROR_STATUS, type ErrorCode } from "@/lib/errors";
import type { TenantContext } from "../tenancy/context";
import { can, ROLE_LABELS, type Permission } from "../tenancy/permissions";
import { countSeats } from "../tenancy/limits";
import { TIER_DEFINITIONS, API_RATE_WINDOW_MS } from "../tenancy/tiers";
import { getUsageSummary } from "../usage/summary";
import { monthStart, nextMonthStart } from "../usage/keys";
import type { ActingTool } from "./domains";

export interface Suggestion {
  label: string;
  /** An acting tool the model may call (a person approves it), with its input. */
  tool?: ActingTool;
  input?: Record<string, unknown>;
  /** A page of the app that does it by hand. */
  href?: string;
}

/** What every read tool returns besides its typed data: the grounds of the answer. */
export interface ToolGrounds {
  summary: string;
  missing: string[];
  suggestions: Suggestion[];
}

export interface ToolContext {
  ctx: TenantContext;
  agentName: string;
  conversationId: string;
  now?: Date;
}

/** Refused tools answer with a result the model and the card can read, not a thrown error. */
export interface ToolRefusal {
  refused: true;
  summary: string;
  missing: string[];
  suggestions: Suggestion[];
}

export function refusal(message: string): ToolRefusal {
  return { refused: true, summary: message, missing: [message], suggestions: [] };
}

export function requirePermission(ctx: TenantContext, permission: Permission): ToolRefusal | null {
  return can(ctx.role, permission)
    ? null
    : refusal(`Your role (${ROLE_LABELS[ctx.role]}) cannot read this (${permission}), so it was left out.`);
}

const money = (minor: number, currency: string) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(minor / 100);

// ─── Finance ──────────────────────────────────────────────────────────────────

export async function financeOverview(tc: ToolContext) {
  const denied = requirePermission(tc.ctx, "billing:read");
  if (denied) return denied;
  const now = tc.now ?? new Date();
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
  const { subscriptions, invoices } = await withTenant(tc.ctx.tenant.id, async (tx) => ({
    subscriptions: await tx.subscription.findMany({ orderBy: { providerCreatedAt: "desc" }, take: 5 }),
    invoices: await tx.invoice.findMany({
      where: { providerCreatedAt: { gte: since } },
      orderBy: { providerCreatedAt: "desc" },
      take: 500,
    }),
  }));
  const live = subscriptions.find((s) => ["ACTIVE", "TRIALING", "PAST_DUE"].includes(s.status)) ?? null;
  const currency = (live?.currency ?? invoices[0]?.currency ?? "usd").toLowerCase();
  const paid = invoices.filter((i) => i.status === "PAID");
  const open = invoices.filter((i) => i.status === "OPEN");
  const byMonth = new Map<string, number>();
  for (const invoice of paid) {
    const month = (invoice.paidAt ?? invoice.providerCreatedAt).toISOString().slice(0, 7);
    byMonth.set(month, (byMonth.get(month) ?? 0) + invoice.amountPaid);
  }
  const spendByMonth = [...byMonth.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, amount]) => ({ month, amount }));
  const totalPaid = paid.reduce((sum, i) => sum + i.amountPaid, 0);
  const due = open.reduce((sum, i) => sum + i.amountDue, 0);
  const plan = {
    tier: tc.ctx.tier,
    label: TIER_DEFINITIONS[tc.ctx.tier].label,
    status: live?.status ?? null,
    price: live ? live.unitAmount : null,
    interval: live?.interval ?? null,
    currency,
    current_period_end: live?.currentPeriodEnd?.toISOString() ?? null,
    cancel_at_period_end: live?.cancelAtPeriodEnd ?? false,
  };
  const lines = [
    `Plan: ${plan.label}${live ? ` (${live.status.toLowerCase()}, ${money(live.unitAmount, currency)} per ${live.interval.toLowerCase()})` : ", no paid subscription"}.`,
    `Paid in the last 12 months: ${money(totalPaid, currency)} over ${paid.length} invoice${paid.length === 1 ? "" : "s"}.`,
    open.length
      ? `Open: ${open.length} invoice${open.length === 1 ? "" : "s"}, ${money(due, currency)} due.`
      : "No open invoices.",
  ];
  const suggestions: Suggestion[] = [];
  if (invoices.length > 0) {
    suggestions.push({
      label: "Export the last 12 months of invoices as CSV",
      tool: "export_invoices_csv",
      input: { months: 12 },
    });
  }
  if (!live || tc.ctx.tier === "FREE")
    suggestions.push({ label: "Compare plans and upgrade", href: `/t/${tc.ctx.tenant.slug}/billing` });
  return {
    plan,
    total_paid: totalPaid,
    amount_due: due,
    invoice_count: invoices.length,
    spend_by_month: spendByMonth,
    recent_invoices: invoices.slice(0, 5).map((i) => ({
      number: i.number,
      status: i.status,
      total: i.total,
      currency: i.currency,
      created_at: i.providerCreatedAt.toISOString(),
    })),
    summary: lines.join(" "),
    missing: invoices.length === 0 ? ["No invoices in the last 12 months."] : [],
    suggestions,
  };
}

export async function exportInvoicesCsv(tc: ToolContext, months: number) {
  if (!can(tc.ctx.role, "billing:read")) throw AppError.forbidden();
  const now = tc.now ?? new Date();
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - (months - 1), 1));
  const invoices = await withTenant(tc.ctx.tenant.id, (tx) =>
    tx.invoice.findMany({ where: { providerCreatedAt: { gte: since } }, orderBy: { providerCreatedAt: "asc" } }),
  );
  const cell = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const rows = invoices.map((i) =>
    [
      i.number ?? i.id,
      i.status,
      i.currency,
      (i.total / 100).toFixed(2),
      (i.amountPaid / 100).toFixed(2),
      i.providerCreatedAt.toISOString(),
    ]
      .map((v) => cell(String(v)))
      .join(","),
  );
  return {
    filename: `invoices-${since.toISOString().slice(0, 7)}-to-${now.toISOString().slice(0, 7)}.csv`,
    rows: rows.length,
    csv: ["number,status,currency,total,amount_paid,created_at", ...rows].join("\n"),
  };
}

// ─── Technical ────────────────────────────────────────────────────────────────

export async function apiHealth(tc: ToolContext, days: number) {
  const denied = requirePermission(tc.ctx, "usage:read");
  if (denied) return denied;
  const now = tc.now ?? new Date();
  const since = new Date(now.getTime() - days * 86_400_000);
  const { rollups, keys, month } = await withTenant(tc.ctx.tenant.id, async (tx) => ({
    rollups: await tx.usageRollup.findMany({
      where: { hour: { gte: since } },
      select: { apiKeyId: true, route: true, count: true },
    }),
    keys: await tx.apiKey.findMany({ select: { id: true, name: true, revokedAt: true } }),
    month: await tx.usageRollup.aggregate({
      where: { hour: { gte: monthStart(now), lt: nextMonthStart(now) } },
      _sum: { count: true },
    }),
  }));
  const byRoute = new Map<string, number>();
  const byKey = new Map<string, number>();
  for (const row of rollups) {
    byRoute.set(row.route, (byRoute.get(row.route) ?? 0) + row.count);
    byKey.set(row.apiKeyId, (byKey.get(row.apiKeyId) ?? 0) + row.count);
  }
  const names = new Map(keys.map((k) => [k.id, k.name]));
  const total = rollups.reduce((sum, r) => sum + r.count, 0);
  const limits = TIER_DEFINITIONS[tc.ctx.tier].limits;
  const monthCalls = month._sum.count ?? 0;
  const quotaUsed = limits.apiCallsPerMonth ? monthCalls / limits.apiCallsPerMonth : 0;
  const routes = [...byRoute.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([route, calls]) => ({ route, calls }));
  const byKeyRows = [...byKey.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 10)
    .map(([id, calls]) => ({ key: id ? (names.get(id) ?? "Deleted key") : "Signed-in members (session)", calls }));
  const suggestions: Suggestion[] = [];
  const top = byKeyRows[0];
  if (top && total > 0 && top.calls / total > 0.8 && top.key !== "Signed-in members (session)") {
    suggestions.push({
      label: `Create a second API key so traffic is not all on “${top.key}” (each key has its own burst limit)`,
      tool: "create_api_key",
      input: { name: `${top.key} (2)`.slice(0, 64), scopes: ["usage:read"] },
    });
  }
  if (quotaUsed >= 0.8)
    suggestions.push({
      label: "Raise the monthly quota with a plan upgrade",
      href: `/t/${tc.ctx.tenant.slug}/billing`,
    });
  return {
    window_days: days,
    total_calls: total,
    by_route: routes,
    by_key: byKeyRows,
    limits: {
      calls_per_month: limits.apiCallsPerMonth,
      calls_this_month: monthCalls,
      quota_used_percent: Math.round(quotaUsed * 1000) / 10,
      burst_per_key: limits.apiRequestsPerWindow,
      burst_window_seconds: API_RATE_WINDOW_MS / 1000,
    },
    summary:
      `${total.toLocaleString("en-US")} API calls in the last ${days} days` +
      (routes[0] ? `, most on ${routes[0].route} (${routes[0].calls.toLocaleString("en-US")})` : "") +
      `. This month: ${monthCalls.toLocaleString("en-US")} of ${limits.apiCallsPerMonth?.toLocaleString("en-US") ?? "unlimited"} calls` +
      ` (${Math.round(quotaUsed * 1000) / 10}%). Burst limit: ${limits.apiRequestsPerWindow} requests per key per ${API_RATE_WINDOW_MS / 1000} s.`,
    missing: [
      "Response statuses, 429s and latency are not stored per workspace (only call counts per route and key), so error rates and latency are not in this answer.",
    ],
    suggestions,
  };
}

const ERROR_HELP: Record<ErrorCode, string> = {
  bad_request: "The request could not be read (malformed JSON, wrong content type). Fix the request body.",
  validation_failed: "A field is missing or invalid; the response lists field errors under details.",
  unauthorized: "No valid API key or session: send “Authorization: Bearer <key>”; the key may be revoked or expired.",
  forbidden: "The key lacks the route's scope, or the member's role does not allow it, or the workspace is suspended.",
  not_found: "The object does not exist in this workspace (ids from another workspace are not found either).",
  method_not_allowed: "The route does not accept this HTTP method; see the OpenAPI document.",
  conflict: "The change collides with existing data (a duplicate name or email).",
  payload_too_large: "The body or a field is over the endpoint's size limit.",
  limit_exceeded: "A plan limit (users, AI agents, storage) would be passed: upgrade or free some first.",
  rate_limited: "Too many requests: the per-key burst limit or the monthly quota. Retry after the Retry-After header.",
  unavailable: "A dependency is down for a moment; retry with backoff.",
  internal: "An unexpected error; the response carries a request id to quote to support.",
};

export function explainErrorCode(code: string) {
  const normalized = code.trim().toLowerCase();
  const byStatus = Object.entries(ERROR_STATUS).filter(([, status]) => String(status) === normalized);
  const matches = (Object.keys(ERROR_HELP) as ErrorCode[]).filter(
    (c) => c === normalized || byStatus.some(([name]) => name === c),
  );
  return {
    code: normalized,
    matches: matches.map((c) => ({ code: c, status: ERROR_STATUS[c], meaning: ERROR_HELP[c] })),
    summary: matches.length
      ? matches.map((c) => `${c} (HTTP ${ERROR_STATUS[c]}): ${ERROR_HELP[c]}`).join(" ")
      : `“${code}” is not an error code of the Tessera API.`,
    missing: matches.length ? [] : [`Unknown error code “${code}”.`],
    suggestions: [{ label: "Read the API reference", href: "/api/docs" }] as Suggestion[],
  };
}

// ─── HR ───────────────────────────────────────────────────────────────────────

export async function teamRoster(tc: ToolContext) {
  const denied = requirePermission(tc.ctx, "members:read");
  if (denied) return denied;
  const now = tc.now ?? new Date();
  const { members, seats } = await withTenant(tc.ctx.tenant.id, async (tx) => ({
    members: await tx.membership.groupBy({ by: ["role"], _count: { _all: true } }),
    seats: await countSeats(tx, now),
  }));
  const limit = TIER_DEFINITIONS[tc.ctx.tier].limits.users;
  const byRole = members.map((m) => ({ role: ROLE_LABELS[m.role], count: m._count._all }));
  const free = limit === null ? null : Math.max(0, limit - seats.members - seats.pending);
  return {
    by_role: byRole,
    members: seats.members,
    pending_invitations: seats.pending,
    seat_limit: limit,
    free_seats: free,
    summary: `${seats.members} member${seats.members === 1 ? "" : "s"} (${byRole.map((r) => `${r.count} ${r.role}`).join(", ")}), ${seats.pending} pending invitation${seats.pending === 1 ? "" : "s"}; ${free === null ? "unlimited seats" : `${free} free seat${free === 1 ? "" : "s"}`}.`,
    missing: [],
    suggestions: [] as Suggestion[],
  };
}

const ONBOARDING: Record<string, string[]> = {
  ADMIN: [
    "Review members and roles",
    "Review API keys and their scopes",
    "Read the audit log",
    "Check usage against the plan",
  ],
  BILLING: ["Review the plan and invoices", "Check the payment method", "Learn how metered usage is billed"],
  MEMBER: ["Tour the dashboard", "Try the assistants on real questions", "Create a personal API key if you integrate"],
  VIEWER: ["Tour the dashboard", "Read the usage page", "Ask an admin for more access when needed"],
};

export async function onboardingPlan(tc: ToolContext, role: "ADMIN" | "BILLING" | "MEMBER" | "VIEWER", title?: string) {
  const roster = await teamRoster(tc);
  const steps = ONBOARDING[role] ?? [];
  const plan = [
    { week: 1, goals: ["Accept the invitation and sign in", ...steps.slice(0, 2)] },
    { week: 2, goals: steps.slice(2) },
    { week: 3, goals: ["Own one recurring task", "Check in with the workspace owner"] },
  ];
  const teamNote = "refused" in roster ? "" : ` The team today: ${roster.summary}`;
  return {
    role: ROLE_LABELS[role],
    title: title ?? null,
    plan,
    job_description: `${title ?? ROLE_LABELS[role]} at ${tc.ctx.tenant.name}: works in Tessera as ${ROLE_LABELS[role]}, responsible for ${steps.slice(0, 3).join(", ").toLowerCase()}.`,
    summary: `A three-week onboarding plan for a new ${title ?? ROLE_LABELS[role]}.${teamNote}`,
    missing: "refused" in roster ? roster.missing : [],
    suggestions: [] as Suggestion[],
  };
}

// ─── Sales ────────────────────────────────────────────────────────────────────

export async function upgradeCandidates(tc: ToolContext) {
  const denied = requirePermission(tc.ctx, "usage:read");
  if (denied) return denied;
  const summary = await getUsageSummary(tc.ctx, tc.now ?? new Date());
  const near = summary.dimensions.filter((d) => d.limit !== null && d.ratio >= 0.6);
  return {
    tier: summary.tier,
    near_limits: near.map((d) => ({
      dimension: d.label,
      used: d.used,
      limit: d.limit,
      percent: Math.round(d.ratio * 1000) / 10,
    })),
    summary: near.length
      ? `Near the ${TIER_DEFINITIONS[summary.tier].label} plan's limits: ${near.map((d) => `${d.label} at ${Math.round(d.ratio * 100)}%`).join(", ")}.`
      : `Nothing is above 60% of the ${TIER_DEFINITIONS[summary.tier].label} plan's limits.`,
    missing: [],
    suggestions: near.length
      ? [{ label: "Compare plans", href: `/t/${tc.ctx.tenant.slug}/billing` }]
      : ([] as Suggestion[]),
  };
}
