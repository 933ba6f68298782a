// Pure, deterministic analysers behind the assistants' tools: they compute, never guess. Each
// returns a typed object (zod schemas below) that the chat renders as a card and the model reads.
import { z } from "zod";

// ─── Finance calculator ───────────────────────────────────────────────────────

export const calculatorInput = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("roi"),
    investment: z.number().positive().describe("What it costs, in major units."),
    gain: z.number().min(0).describe("What it brings back over the period, in major units."),
    months: z.number().int().positive().max(600).optional(),
  }),
  z.object({
    kind: z.literal("break_even"),
    fixed_costs: z.number().min(0),
    price_per_unit: z.number().positive(),
    variable_cost_per_unit: z.number().min(0),
  }),
  z.object({
    kind: z.literal("budget"),
    budget: z.number().positive(),
    spent: z.number().min(0),
    days_elapsed: z.number().int().positive(),
    days_total: z.number().int().positive(),
  }),
]);
export type CalculatorInput = z.infer<typeof calculatorInput>;

export const calculatorOutput = z.object({
  kind: z.enum(["roi", "break_even", "budget"]),
  figures: z.array(
    z.object({ label: z.string(), value: z.number(), unit: z.enum(["money", "percent", "units", "months"]) }),
  ),
  summary: z.string(),
  missing: z.array(z.string()),
});
export type CalculatorOutput = z.infer<typeof calculatorOutput>;

const round2 = (n: number) => Math.round(n * 100) / 100;

export function calculate(input: CalculatorInput): CalculatorOutput {
  switch (input.kind) {
    case "roi": {
      const net = input.gain - input.investment;
      const roi = net / input.investment;
      const figures: CalculatorOutput["figures"] = [
        { label: "Net return", value: round2(net), unit: "money" },
        { label: "ROI", value: round2(roi * 100), unit: "percent" },
      ];
      let payback = "";
      if (input.months && input.gain > 0) {
        const months = input.investment / (input.gain / input.months);
        figures.push({ label: "Payback period", value: round2(months), unit: "months" });
        payback = ` It pays back in ${round2(months)} months.`;
      }
      return {
        kind: "roi",
        figures,
        summary: `An investment of ${round2(input.investment)} returning ${round2(input.gain)} has an ROI of ${round2(roi * 100)}% (net ${round2(net)}).${payback}`,
        missing: [],
      };
    }
    case "break_even": {
      const margin = input.price_per_unit - input.variable_cost_per_unit;
      if (margin <= 0) {
        return {
          kind: "break_even",
          figures: [{ label: "Contribution margin per unit", value: round2(margin), unit: "money" }],
          summary: "Each unit sells at or below its variable cost, so no volume breaks even.",
          missing: [],
        };
      }
      const units = Math.ceil(input.fixed_costs / margin);
      return {
        kind: "break_even",
        figures: [
          { label: "Contribution margin per unit", value: round2(margin), unit: "money" },
          { label: "Break-even volume", value: units, unit: "units" },
          { label: "Break-even revenue", value: round2(units * input.price_per_unit), unit: "money" },
        ],
        summary: `With fixed costs of ${round2(input.fixed_costs)} and a margin of ${round2(margin)} per unit, you break even at ${units} units (${round2(units * input.price_per_unit)} in revenue).`,
        missing: [],
      };
    }
    case "budget": {
      const elapsed = Math.min(input.days_elapsed, input.days_total);
      const projected = (input.spent / elapsed) * input.days_total;
      const variance = projected - input.budget;
      return {
        kind: "budget",
        figures: [
          { label: "Spent so far", value: round2(input.spent), unit: "money" },
          { label: "Projected spend", value: round2(projected), unit: "money" },
          { label: "Projected variance", value: round2(variance), unit: "money" },
          { label: "Budget used", value: round2((input.spent / input.budget) * 100), unit: "percent" },
        ],
        summary:
          variance > 0
            ? `At this pace you will spend ${round2(projected)}, ${round2(variance)} over the budget of ${round2(input.budget)}.`
            : `At this pace you will spend ${round2(projected)}, ${round2(-variance)} under the budget of ${round2(input.budget)}.`,
        missing: [],
      };
    }
  }
}

// ─── Contract review ──────────────────────────────────────────────────────────

export const contractReviewOutput = z.object({
  clauses: z.array(
    z.object({
      heading: z.string(),
      excerpt: z.string(),
      risk: z.enum(["low", "medium", "high"]),
      reasons: z.array(z.string()),
      suggested_edit: z.string().nullable(),
    }),
  ),
  overall_risk: z.enum(["low", "medium", "high"]),
  obligations: z.array(z.string()),
  renewal: z.object({ automatic: z.boolean(), notice: z.string().nullable(), date: z.string().nullable() }),
  termination: z.object({ notice: z.string().nullable(), date: z.string().nullable(), for_convenience: z.boolean() }),
  summary: z.string(),
  missing: z.array(z.string()),
});
export type ContractReview = z.infer<typeof contractReviewOutput>;

const RISK_RULES: { test: RegExp; risk: "medium" | "high"; reason: string; edit: string }[] = [
  {
    test: /unlimited liability|liability (?:shall|will) not be limited/i,
    risk: "high",
    reason: "Unlimited liability",
    edit: "Cap liability at the fees paid in the 12 months before the claim.",
  },
  {
    test: /indemnif/i,
    risk: "medium",
    reason: "Indemnity obligation",
    edit: "Make the indemnity mutual and limit it to third-party claims caused by the indemnifying party.",
  },
  {
    test: /automatic(?:ally)? renew|auto-renew/i,
    risk: "medium",
    reason: "Automatic renewal",
    edit: "Require written notice before renewal and allow cancellation within 30 days of it.",
  },
  {
    test: /exclusiv/i,
    risk: "medium",
    reason: "Exclusivity",
    edit: "Limit exclusivity to a named product and a fixed term.",
  },
  {
    test: /sole discretion/i,
    risk: "medium",
    reason: "One-sided discretion",
    edit: "Replace “sole discretion” with “reasonable discretion, exercised in good faith”.",
  },
  {
    test: /non-?compete/i,
    risk: "high",
    reason: "Non-compete",
    edit: "Narrow the non-compete's scope, territory and duration, or remove it.",
  },
  {
    test: /penalt|liquidated damages/i,
    risk: "medium",
    reason: "Penalties or liquidated damages",
    edit: "Tie damages to actual, documented loss.",
  },
  {
    test: /without (?:prior )?notice/i,
    risk: "medium",
    reason: "Action without notice",
    edit: "Require at least 30 days' written notice.",
  },
];

const DATE =
  /\b(\d{4}-\d{2}-\d{2}|(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2},? \d{4})\b/i;
const NOTICE = /(\d+|thirty|sixty|ninety)\s*\(?\d*\)?\s*days?['’]?\s*(?:prior\s+)?(?:written\s+)?notice/i;

export function reviewContract(text: string): ContractReview {
  const blocks = text
    .split(/\n\s*\n|(?=^\s*(?:\d+(?:\.\d+)*[.)]|Section \d+|Article \d+)\s)/im)
    .map((block) => block.trim())
    .filter((block) => block.length > 0);
  const clauses = blocks.slice(0, 50).map((block, index) => {
    const firstLine = block.split("\n")[0] ?? "";
    const heading = firstLine.length <= 80 ? firstLine : `Clause ${index + 1}`;
    const hits = RISK_RULES.filter((rule) => rule.test.test(block));
    const risk: "low" | "medium" | "high" = hits.some((h) => h.risk === "high")
      ? "high"
      : hits.length > 0
        ? "medium"
        : "low";
    return {
      heading,
      excerpt: block.length > 240 ? `${block.slice(0, 237)}…` : block,
      risk,
      reasons: hits.map((h) => h.reason),
      suggested_edit: hits.length > 0 ? hits.map((h) => h.edit).join(" ") : null,
    };
  });
  const sentences = text.split(/(?<=[.;])\s+/);
  const obligations = sentences
    .filter((s) => /\b(shall|must|agrees? to|is required to|will provide|will pay)\b/i.test(s))
    .slice(0, 20)
    .map((s) => s.trim());
  const renewalSentence = sentences.find((s) => /renew/i.test(s)) ?? null;
  const terminationSentence = sentences.find((s) => /terminat/i.test(s)) ?? null;
  const overall = clauses.some((c) => c.risk === "high")
    ? "high"
    : clauses.filter((c) => c.risk === "medium").length >= 2
      ? "medium"
      : clauses.some((c) => c.risk === "medium")
        ? "medium"
        : "low";
  const missing: string[] = [];
  if (!terminationSentence) missing.push("No termination clause was found.");
  if (!/governing law|governed by/i.test(text)) missing.push("No governing-law clause was found.");
  if (!/liabilit/i.test(text)) missing.push("No limitation of liability was found.");
  const risky = clauses.filter((c) => c.risk !== "low").length;
  return {
    clauses,
    overall_risk: overall,
    obligations,
    renewal: {
      automatic: Boolean(renewalSentence && /automatic|auto-renew/i.test(renewalSentence)),
      notice: renewalSentence?.match(NOTICE)?.[0] ?? null,
      date: renewalSentence?.match(DATE)?.[0] ?? null,
    },
    termination: {
      notice: terminationSentence?.match(NOTICE)?.[0] ?? null,
      date: terminationSentence?.match(DATE)?.[0] ?? null,
      for_convenience: Boolean(
        terminationSentence && /convenience|for any reason|at any time/i.test(terminationSentence),
      ),
    },
    summary: `${clauses.length} clause${clauses.length === 1 ? "" : "s"} reviewed, ${risky} with risk; overall risk ${overall}. ${obligations.length} obligation${obligations.length === 1 ? "" : "s"} found.`,
    missing,
  };
}

// ─── Marketing copy review ────────────────────────────────────────────────────

export const copyReviewOutput = z.object({
  kind: z.enum(["campaign", "landing", "seo"]),
  score: z.number().int().min(0).max(100),
  checklist: z.array(z.object({ item: z.string(), passed: z.boolean(), advice: z.string() })),
  summary: z.string(),
  missing: z.array(z.string()),
});
export type CopyReview = z.infer<typeof copyReviewOutput>;

export function reviewCopy(text: string, kind: CopyReview["kind"], keyword?: string): CopyReview {
  const words = text.split(/\s+/).filter(Boolean);
  const sentences = text.split(/[.!?]+/).filter((s) => s.trim());
  const avgSentence = sentences.length ? words.length / sentences.length : words.length;
  const firstLine = text.trim().split("\n")[0] ?? "";
  const checks: CopyReview["checklist"] = [
    {
      item: "Clear headline (≤ 70 characters)",
      passed: firstLine.length > 0 && firstLine.length <= 70,
      advice: "Open with one short line that says what the reader gets.",
    },
    {
      item: "Call to action",
      passed: /\b(sign up|start|try|get|book|buy|join|contact|download|subscribe)\b/i.test(text),
      advice: "End with one explicit action (“Start your free trial”).",
    },
    {
      item: "Speaks to the reader (you/your)",
      passed: /\byou(r)?\b/i.test(text),
      advice: "Address the reader directly.",
    },
    {
      item: "Readable sentences (≤ 20 words on average)",
      passed: avgSentence <= 20,
      advice: "Split long sentences.",
    },
    {
      item: "Concrete proof (numbers)",
      passed: /\d/.test(text),
      advice: "Add a figure: a result, a customer count, a time saved.",
    },
    {
      item: "No hype words",
      passed: !/\b(revolutionary|best-in-class|world-class|synergy|cutting-edge)\b/i.test(text),
      advice: "Replace hype with a specific benefit.",
    },
  ];
  if (kind === "seo" || keyword) {
    const kw = (keyword ?? "").toLowerCase();
    checks.push({
      item: keyword ? `Keyword “${keyword}” in the headline` : "A target keyword is given",
      passed: Boolean(kw) && firstLine.toLowerCase().includes(kw),
      advice: keyword ? "Put the keyword in the first line." : "Name the keyword the page should rank for.",
    });
    checks.push({
      item: "Length for search (≥ 300 words)",
      passed: words.length >= 300,
      advice: "Pages under 300 words rarely rank; expand with answers to real questions.",
    });
  }
  const passed = checks.filter((c) => c.passed).length;
  const score = Math.round((passed / checks.length) * 100);
  return {
    kind,
    score,
    checklist: checks,
    summary: `${passed} of ${checks.length} checks pass (score ${score}/100).`,
    missing: keyword || kind !== "seo" ? [] : ["No target keyword was given."],
  };
}

// ─── Lead qualification ───────────────────────────────────────────────────────

export const leadQualificationOutput = z.object({
  framework: z.enum(["BANT", "MEDDIC"]),
  criteria: z.array(z.object({ name: z.string(), met: z.boolean(), evidence: z.string().nullable() })),
  score: z.number().int().min(0).max(100),
  verdict: z.enum(["qualified", "nurture", "disqualified"]),
  summary: z.string(),
  missing: z.array(z.string()),
});
export type LeadQualification = z.infer<typeof leadQualificationOutput>;

const CRITERIA: Record<"BANT" | "MEDDIC", { name: string; test: RegExp }[]> = {
  BANT: [
    { name: "Budget", test: /budget|\$\s?\d|€\s?\d|\d+\s?(k|K|000)\b|afford|price/ },
    { name: "Authority", test: /\b(CEO|CTO|CFO|VP|head of|director|founder|owner|decision[- ]maker|signs?)\b/i },
    { name: "Need", test: /\b(need|problem|pain|struggl|must|looking for|require)/i },
    {
      name: "Timeline",
      test: /\b(this (week|month|quarter)|next (week|month|quarter)|Q[1-4]|by (january|february|march|april|may|june|july|august|september|october|november|december)|deadline|asap|within \d+)/i,
    },
  ],
  MEDDIC: [
    { name: "Metrics", test: /\d+\s?%|\bsave\b|\breduce\b|\bincrease\b|\bROI\b/i },
    { name: "Economic buyer", test: /\b(CFO|CEO|budget holder|economic buyer|signs?)\b/i },
    {
      name: "Decision criteria",
      test: /\b(criteria|requirement|must have|needs? to support|SSO|SOC ?2|compliance)\b/i,
    },
    { name: "Decision process", test: /\b(process|procurement|legal review|security review|pilot|trial|approval)\b/i },
    { name: "Identify pain", test: /\b(pain|problem|struggl|losing|churn|slow|manual)\b/i },
    { name: "Champion", test: /\b(champion|advocate|sponsor|internal(ly)? push)\b/i },
  ],
};

export function qualifyLead(text: string, framework: "BANT" | "MEDDIC"): LeadQualification {
  const sentences = text.split(/(?<=[.!?])\s+/);
  const criteria = CRITERIA[framework].map(({ name, test }) => {
    const evidence = sentences.find((s) => test.test(s))?.trim() ?? null;
    return { name, met: evidence !== null, evidence };
  });
  const met = criteria.filter((c) => c.met).length;
  const score = Math.round((met / criteria.length) * 100);
  const verdict = score >= 75 ? "qualified" : score >= 40 ? "nurture" : "disqualified";
  return {
    framework,
    criteria,
    score,
    verdict,
    summary: `${framework}: ${met} of ${criteria.length} criteria met, score ${score}/100 — ${verdict}.`,
    missing: criteria.filter((c) => !c.met).map((c) => `No evidence for ${c.name}.`),
  };
}

// ─── Numbers in a question (the offline engine's input extraction) ────────────

/** The numbers in a text, "$12,500" and "12.5k" included, in order. */
export function numbersIn(text: string): number[] {
  const out: number[] = [];
  for (const match of text.matchAll(/(\d[\d,]*(?:\.\d+)?)\s*(k|m)?\b/gi)) {
    const raw = Number((match[1] ?? "").replace(/,/g, ""));
    if (!Number.isFinite(raw)) continue;
    const unit = (match[2] ?? "").toLowerCase();
    out.push(unit === "k" ? raw * 1_000 : unit === "m" ? raw * 1_000_000 : raw);
  }
  return out;
}
