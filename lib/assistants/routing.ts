// How the offline engine picks a domain's tools from a question: a keyword test and an input
// built from the question's own words and numbers. Pure, so tests reach it without a model.
import { numbersIn } from "./analyzers";
import type { OperatorTool, ToolName } from "./domains";

export interface PlannedCall {
  tool: ToolName | OperatorTool;
  input: Record<string, unknown>;
}

interface Route {
  test: RegExp | null;
  input(question: string): Record<string, unknown> | null;
}

const ROLE_WORDS: [RegExp, "ADMIN" | "BILLING" | "MEMBER" | "VIEWER"][] = [
  [/\badmin/i, "ADMIN"],
  [/\bbilling|finance|accountant/i, "BILLING"],
  [/\bviewer|read-only/i, "VIEWER"],
];

/** "over the last 6 months", "6-month": the window the operator's revenue tools read (3–24, default 12). */
function monthsInput(question: string): Record<string, unknown> {
  const months = /(\d{1,2})[\s-]*months?/i.exec(question)?.[1];
  return { months: months ? Math.min(24, Math.max(3, Number(months))) : 12 };
}

const ROUTES: Record<ToolName | OperatorTool, Route> = {
  finance_overview: {
    test: /spend|spent|invoice|plan|bill|paid|pay|cost|subscription|money|charge|price|budget/i,
    input: () => ({}),
  },
  finance_calculator: {
    test: /\broi\b|return on|break[- ]?even|budget|burn/i,
    input(question) {
      const n = numbersIn(question);
      if (/break[- ]?even/i.test(question)) {
        const [fixed, price, variable] = n;
        return fixed !== undefined && price !== undefined && variable !== undefined
          ? { kind: "break_even", fixed_costs: fixed, price_per_unit: price, variable_cost_per_unit: variable }
          : null;
      }
      if (/\broi\b|return on/i.test(question)) {
        const [investment, gain, months] = n;
        return investment !== undefined && gain !== undefined && investment > 0
          ? { kind: "roi", investment, gain, ...(months !== undefined && /month/i.test(question) ? { months } : {}) }
          : null;
      }
      const [budget, spent, elapsed, total] = n;
      return budget !== undefined && spent !== undefined && elapsed !== undefined && total !== undefined && budget > 0
        ? {
            kind: "budget",
            budget,
            spent,
            days_elapsed: Math.max(1, Math.round(elapsed)),
            days_total: Math.max(1, Math.round(total)),
          }
        : null;
    },
  },
  export_invoices_csv: { test: null, input: () => null },
  api_health: {
    test: /\bapi\b|error|latency|429|rate|traffic|calls?\b|route|endpoint|key|limit|slow|quota/i,
    input(question) {
      const days = /(\d{1,2})\s*days?/i.exec(question)?.[1];
      return { days: days ? Math.min(31, Math.max(1, Number(days))) : 7 };
    },
  },
  explain_error_code: {
    test: /\b[45]\d\d\b|\b(bad_request|validation_failed|unauthorized|forbidden|not_found|method_not_allowed|conflict|payload_too_large|limit_exceeded|rate_limited|unavailable|internal)\b/i,
    input(question) {
      const code =
        /\b(bad_request|validation_failed|unauthorized|forbidden|not_found|method_not_allowed|conflict|payload_too_large|limit_exceeded|rate_limited|unavailable|internal)\b/i.exec(
          question,
        )?.[1] ?? /\b([45]\d\d)\b/.exec(question)?.[1];
      return code ? { code } : null;
    },
  },
  search_knowledge: { test: /./, input: (question) => ({ query: question.slice(0, 200) }) },
  review_contract: {
    test: /contract|agreement|clause|terms|party|parties|shall/i,
    input: (question) => (question.length >= 20 ? { text: question.slice(0, 100_000) } : null),
  },
  team_roster: { test: /team|member|role|seat|people|staff|who/i, input: () => ({}) },
  onboarding_plan: {
    test: /onboard|job description|hire|hiring|new (admin|member|viewer|billing)/i,
    input(question) {
      const role = ROLE_WORDS.find(([re]) => re.test(question))?.[1] ?? "MEMBER";
      return { role };
    },
  },
  invite_member: { test: null, input: () => null },
  create_api_key: { test: null, input: () => null },
  review_copy: {
    test: /./,
    input(question) {
      const kind = /\bseo\b|search|rank/i.test(question)
        ? "seo"
        : /campaign|email|newsletter/i.test(question)
          ? "campaign"
          : "landing";
      const keyword = /keyword[s]?\s*[:“"']\s*([^”"'\n]{1,80})/i.exec(question)?.[1]?.trim();
      return { text: question.slice(0, 50_000), kind, ...(keyword ? { keyword } : {}) };
    },
  },
  qualify_lead: {
    test: /lead|prospect|deal|qualif|bant|meddic|budget|buyer/i,
    input: (question) => ({
      notes: question.slice(0, 20_000),
      framework: /meddic/i.test(question) ? "MEDDIC" : "BANT",
    }),
  },
  upgrade_candidates: { test: /upgrade|limit|usage|near|quota|expan|upsell|grow/i, input: () => ({}) },
  platform_mrr: {
    test: /\bmrr\b|\barr\b|recurring|revenue|customers|growth|grow|month over month|mom\b/i,
    input: monthsInput,
  },
  revenue_movements: {
    test: /churn|expan|contract|movement|\bmov(?:e|ed|es|ing)\b|reactivat|net new|new (mrr|customers|business)|lost|won|downgrad|upgrad/i,
    input: monthsInput,
  },
};

/**
 * The calls the offline engine makes for a question, among the tools it was given: every tool
 * whose test matches and whose input can be built; when none matches, the first tool that takes
 * no input from the question (so an answer still rests on the workspace's data).
 */
export function planToolCalls(question: string, available: readonly string[]): PlannedCall[] {
  const tools = available.filter((name): name is ToolName | OperatorTool => name in ROUTES);
  const planned: PlannedCall[] = [];
  for (const tool of tools) {
    const route = ROUTES[tool];
    if (!route.test || !route.test.test(question)) continue;
    const input = route.input(question);
    if (input) planned.push({ tool, input });
  }
  if (planned.length > 0) return planned;
  for (const tool of tools) {
    const route = ROUTES[tool];
    if (!route.test) continue;
    const input = route.input(question);
    if (input) return [{ tool, input }];
  }
  return [];
}
