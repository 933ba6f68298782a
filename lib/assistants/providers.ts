// Which engine answers: chosen by settings (lib/env.ts), with a model per tier and per agent.
// With no provider configured the offline engine answers (local-model.ts), and says so.
import "server-only";

import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModelV4 } from "@ai-sdk/provider";

import type { Tier } from "../db/generated/enums";
import { env, type Env } from "../env";
import { LOCAL_MODEL_ID, LOCAL_PROVIDER, LocalLanguageModel } from "./local-model";

export type ProviderId = "local" | "openai" | "anthropic" | "openai-compatible";

export interface Engine {
  provider: ProviderId;
  modelId: string;
  /** Shown in the chat: "Offline engine (no AI provider configured)" or "OpenAI · gpt-4o-mini". */
  label: string;
  offline: boolean;
}

const DEFAULT_MODELS: Record<Exclude<ProviderId, "local">, string> = {
  openai: "gpt-4o-mini",
  anthropic: "claude-3-5-haiku-latest",
  "openai-compatible": "llama3.1",
};

const PROVIDER_LABELS: Record<ProviderId, string> = {
  local: "Offline engine",
  openai: "OpenAI",
  anthropic: "Anthropic",
  "openai-compatible": "OpenAI-compatible",
};

export function configuredProvider(settings: Env = env): ProviderId {
  if (settings.AI_PROVIDER) return settings.AI_PROVIDER;
  if (settings.OPENAI_API_KEY) return "openai";
  if (settings.ANTHROPIC_API_KEY) return "anthropic";
  if (settings.AI_COMPATIBLE_BASE_URL) return "openai-compatible";
  return "local";
}

/** "FREE=gpt-4o-mini,ENTERPRISE=gpt-4o" → the tier's model, if named. */
export function tierModel(spec: string | undefined, tier: Tier | null): string | undefined {
  if (tier === null) return undefined;
  for (const entry of (spec ?? "").split(",")) {
    const [name, model] = entry.split("=").map((s) => s.trim());
    if (name?.toUpperCase() === tier && model) return model;
  }
  return undefined;
}

let sharedLocal: LocalLanguageModel | null = null;

export interface ResolvedModel {
  model: LanguageModelV4;
  engine: Engine;
}

export function resolveModel(
  /** tier null: the platform operator's own agents (no workspace): AI_MODEL or the default. */
  { tier, agentModel }: { tier: Tier | null; agentModel?: string | null },
  settings: Env = env,
): ResolvedModel {
  const provider = configuredProvider(settings);
  if (provider === "local") {
    // Word chunks a few ms apart (AI_LOCAL_CHUNK_DELAY_MS), so the answer reads like one.
    sharedLocal ??= new LocalLanguageModel({ chunkDelayMs: settings.AI_LOCAL_CHUNK_DELAY_MS });
    return {
      model: sharedLocal,
      engine: {
        provider,
        modelId: `${LOCAL_PROVIDER}/${LOCAL_MODEL_ID}`,
        label: "Offline engine (no AI provider configured)",
        offline: true,
      },
    };
  }
  const modelId =
    agentModel || tierModel(settings.AI_MODEL_BY_TIER, tier) || settings.AI_MODEL || DEFAULT_MODELS[provider];
  let model: LanguageModelV4;
  switch (provider) {
    case "openai":
      model = createOpenAI({ apiKey: settings.OPENAI_API_KEY, baseURL: settings.OPENAI_BASE_URL }).chat(modelId);
      break;
    case "anthropic":
      model = createAnthropic({ apiKey: settings.ANTHROPIC_API_KEY, baseURL: settings.ANTHROPIC_BASE_URL })(modelId);
      break;
    case "openai-compatible":
      model = createOpenAICompatible({
        name: "compatible",
        baseURL: settings.AI_COMPATIBLE_BASE_URL ?? "http://127.0.0.1:11434/v1",
        apiKey: settings.AI_COMPATIBLE_API_KEY,
        includeUsage: true,
      }).chatModel(modelId);
      break;
  }
  return { model, engine: { provider, modelId, label: `${PROVIDER_LABELS[provider]} · ${modelId}`, offline: false } };
}

/** The engine a workspace of `tier` is answered by (without building a client); null: the operator's agents. */
export function currentEngine(tier: Tier | null, settings: Env = env): Engine {
  const provider = configuredProvider(settings);
  if (provider === "local")
    return {
      provider,
      modelId: `${LOCAL_PROVIDER}/${LOCAL_MODEL_ID}`,
      label: "Offline engine (no AI provider configured)",
      offline: true,
    };
  const modelId = tierModel(settings.AI_MODEL_BY_TIER, tier) || settings.AI_MODEL || DEFAULT_MODELS[provider];
  return { provider, modelId, label: `${PROVIDER_LABELS[provider]} · ${modelId}`, offline: false };
}
