// LLM metrics for the operator (the catalogue's tessera_llm_* families): turns by provider and
// outcome (the error rate), tokens by direction, turn time and time to the first token. Labels
// are the provider id and fixed words only: never a tenant, model name or text.
import "server-only";

import type { Counter, Histogram } from "prom-client";

import { metrics } from "../observability/metrics";
import type { ProviderId } from "./providers";

export type LlmOutcome = "ok" | "error" | "timeout" | "stopped";

export function recordLlmTurn(turn: {
  provider: ProviderId;
  outcome: LlmOutcome;
  usage: { inputTokens: number; outputTokens: number };
  seconds: number;
  firstTokenSeconds: number | null;
}): void {
  try {
    const m = metrics();
    const provider = turn.provider;
    const requests = m.get("tessera_llm_requests_total") as Counter<"provider" | "outcome">;
    const tokens = m.get("tessera_llm_tokens_total") as Counter<"provider" | "direction">;
    const duration = m.get("tessera_llm_request_duration_seconds") as Histogram<"provider" | "outcome">;
    const firstToken = m.get("tessera_llm_time_to_first_token_seconds") as Histogram<"provider">;
    requests.inc({ provider, outcome: turn.outcome });
    if (turn.usage.inputTokens > 0) tokens.inc({ provider, direction: "input" }, turn.usage.inputTokens);
    if (turn.usage.outputTokens > 0) tokens.inc({ provider, direction: "output" }, turn.usage.outputTokens);
    duration.observe({ provider, outcome: turn.outcome }, turn.seconds);
    if (turn.firstTokenSeconds !== null) firstToken.observe({ provider }, turn.firstTokenSeconds);
  } catch {
    // Metrics never break a turn.
  }
}
