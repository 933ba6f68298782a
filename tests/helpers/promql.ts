// A small PromQL reader for tests: finds the metric selectors of an expression (metric name and
// label matchers) and the labels its aggregations group by, so the monitoring files can be
// checked against the metric catalogue. It tokenizes; it does not evaluate (promtool and a real
// Prometheus check the syntax and the results).

export interface Selector {
  metric: string;
  matchers: { label: string; op: string; value: string }[];
}

export interface PromqlRefs {
  selectors: Selector[];
  /** Labels named in by (…), without (…), on (…), ignoring (…), group_left/right (…). */
  grouping: string[];
}

type Token =
  | { kind: "ident"; text: string }
  | { kind: "string"; text: string }
  | { kind: "number"; text: string }
  | { kind: "duration"; text: string }
  | { kind: "punct"; text: string };

const KEYWORDS = new Set([
  "by",
  "without",
  "on",
  "ignoring",
  "group_left",
  "group_right",
  "and",
  "or",
  "unless",
  "bool",
  "offset",
  "inf",
  "nan",
]);
const GROUPING = new Set(["by", "without", "on", "ignoring", "group_left", "group_right"]);

export function tokenize(expr: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i] as string;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === "#") {
      while (i < expr.length && expr[i] !== "\n") i += 1;
    } else if (c === '"' || c === "'" || c === "`") {
      let j = i + 1;
      let text = "";
      while (j < expr.length && expr[j] !== c) {
        if (expr[j] === "\\" && c !== "`") {
          text += expr[j + 1] ?? "";
          j += 2;
        } else {
          text += expr[j];
          j += 1;
        }
      }
      if (j >= expr.length) throw new Error(`unterminated string in: ${expr}`);
      tokens.push({ kind: "string", text });
      i = j + 1;
    } else if (c === "[") {
      // A range or subquery: [5m], [1h:1m], [$__rate_interval]
      const j = expr.indexOf("]", i);
      if (j < 0) throw new Error(`unterminated range in: ${expr}`);
      tokens.push({ kind: "duration", text: expr.slice(i + 1, j) });
      i = j + 1;
    } else if (/[0-9.]/.test(c)) {
      const match = /^(?:0x[0-9a-f]+|[0-9]*\.?[0-9]+(?:e[+-]?[0-9]+)?(?:[smhdwy]|ms)?)/i.exec(expr.slice(i));
      const text = match?.[0] ?? c;
      tokens.push({ kind: "number", text });
      i += text.length;
    } else if (/[a-zA-Z_:$]/.test(c)) {
      const match = /^\$?[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(expr.slice(i));
      const text = match?.[0] ?? c;
      tokens.push({ kind: "ident", text });
      i += text.length;
    } else {
      const two = expr.slice(i, i + 2);
      const text = ["==", "!=", "=~", "!~", ">=", "<="].includes(two) ? two : c;
      tokens.push({ kind: "punct", text });
      i += text.length;
    }
  }
  return tokens;
}

function parseMatchers(tokens: Token[], start: number): { matchers: Selector["matchers"]; end: number } {
  const matchers: Selector["matchers"] = [];
  let i = start + 1; // after "{"
  while (i < tokens.length && tokens[i]?.text !== "}") {
    const label = tokens[i];
    const op = tokens[i + 1];
    const value = tokens[i + 2];
    if (label?.kind !== "ident" || op?.kind !== "punct" || value?.kind !== "string") {
      throw new Error(`bad label matcher near token ${i}: ${JSON.stringify(tokens.slice(i, i + 3))}`);
    }
    matchers.push({ label: label.text, op: op.text, value: value.text });
    i += 3;
    if (tokens[i]?.text === ",") i += 1;
  }
  if (tokens[i]?.text !== "}") throw new Error("unterminated label matchers");
  return { matchers, end: i };
}

/** The metric selectors and grouping labels of a PromQL expression. */
export function promqlRefs(expr: string): PromqlRefs {
  const tokens = tokenize(expr);
  const selectors: Selector[] = [];
  const grouping: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as Token;
    if (token.kind === "ident" && GROUPING.has(token.text) && tokens[i + 1]?.text === "(") {
      let j = i + 2;
      while (j < tokens.length && tokens[j]?.text !== ")") {
        const label = tokens[j] as Token;
        if (label.kind === "ident") grouping.push(label.text);
        j += 1;
      }
      i = j;
      continue;
    }
    if (token.kind === "punct" && token.text === "{") {
      // A selector without a metric name ({__name__="…"}): read it as one.
      const { matchers, end } = parseMatchers(tokens, i);
      const name = matchers.find((m) => m.label === "__name__" && m.op === "=");
      selectors.push({ metric: name?.value ?? "", matchers: matchers.filter((m) => m.label !== "__name__") });
      i = end;
      continue;
    }
    if (token.kind !== "ident" || KEYWORDS.has(token.text) || token.text.startsWith("$")) continue;
    const next = tokens[i + 1];
    if (next?.text === "(") continue; // a function or an aggregation
    if (next?.kind === "ident" && (next.text === "by" || next.text === "without")) continue; // sum by (…) (…)
    if (tokens[i - 1]?.text === "offset") continue;
    if (next?.text === "{") {
      const { matchers, end } = parseMatchers(tokens, i + 1);
      selectors.push({ metric: token.text, matchers });
      i = end;
    } else {
      selectors.push({ metric: token.text, matchers: [] });
    }
  }
  return { selectors, grouping };
}

export interface Problem {
  where: string;
  expr: string;
  problem: string;
}

/**
 * Checks every selector of `expr` names a known series and only labels it carries, and every
 * grouping label exists on one of the expression's series.
 */
export function checkExpr(where: string, expr: string, known: Map<string, Set<string>>): Problem[] {
  const problems: Problem[] = [];
  let refs: PromqlRefs;
  try {
    refs = promqlRefs(expr);
  } catch (error) {
    return [{ where, expr, problem: (error as Error).message }];
  }
  // A constant (`vector(2e8)`: a budget the operator sets in a recording rule) names no metric on purpose.
  const constant = /^\s*vector\(\s*[\d.]+(e[+-]?\d+)?\s*\)\s*$/i.test(expr);
  if (refs.selectors.length === 0 && !constant) problems.push({ where, expr, problem: "names no metric" });
  const labelsInExpr = new Set<string>();
  for (const selector of refs.selectors) {
    const labels = known.get(selector.metric);
    if (!labels) {
      problems.push({ where, expr, problem: `unknown metric ${selector.metric || "(no name)"}` });
      continue;
    }
    for (const label of labels) labelsInExpr.add(label);
    for (const matcher of selector.matchers) {
      if (!labels.has(matcher.label)) {
        problems.push({ where, expr, problem: `${selector.metric} has no label ${matcher.label}` });
      }
    }
  }
  for (const label of refs.grouping) {
    if (label !== "le" && !labelsInExpr.has(label)) {
      problems.push({ where, expr, problem: `groups by ${label}, which none of its metrics carries` });
    }
  }
  return problems;
}
