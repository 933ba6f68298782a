// Embedding providers for knowledge search (KNOWLEDGE_EMBEDDINGS): "local", a deterministic
// hashed bag of words computed in process (offline, no keys: it exercises the vector path and
// adds no meaning beyond the words), or "openai", any OpenAI-compatible /embeddings endpoint
// (OpenAI, Azure-style proxies, Ollama, vLLM). lib/knowledge/vectors.ts stores and searches them.
import "server-only";

import { env } from "../env";

export interface EmbeddingProvider {
  /** "local" or "openai". */
  kind: "local" | "openai";
  /** Stored with every vector: vectors of another model (or size) are ignored until re-indexed. */
  model: string;
  dimensions: number;
  /**
   * Whether a hit found only by its vector (no word of the query in it) is worth showing: true
   * for a model that knows meaning, false for the hashed words, where such a hit is a collision.
   */
  semantic: boolean;
  embed(texts: string[]): Promise<number[][]>;
}

// ─── local: hashed bag of words ───────────────────────────────────────────────

const STOP = new Set(
  (
    "a an and are as at be by can do does for from how i in is it its me my no not of on or our so " +
    "that the their then there these this to was we what when where which who why will with you your"
  ).split(" "),
);

/** A crude English stemmer: plurals, then -ing/-ed (with a doubled consonant undone). */
function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith("ies")) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && /(?:ss|x|z|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) w = w.slice(0, -1);
  if (w.length > 5 && /(?:ing|ed)$/.test(w)) {
    w = w.replace(/(?:ing|ed)$/, "");
    if (/([b-df-hj-np-tv-z])\1$/.test(w)) w = w.slice(0, -1);
  }
  return w;
}

/** Lower-cased words without stop words, stemmed. */
export function embeddingTokens(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.filter((w) => w.length > 1 && !STOP.has(w)).map(stem);
}

/** FNV-1a, 32 bits. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The hashed bag-of-words vector of a text: log-scaled counts in signed buckets, unit length. */
export function hashedEmbedding(text: string, dimensions: number): number[] {
  const counts = new Map<string, number>();
  for (const token of embeddingTokens(text)) counts.set(token, (counts.get(token) ?? 0) + 1);
  const vector = Array.from({ length: dimensions }, () => 0);
  for (const [token, count] of counts) {
    const hash = fnv1a(token);
    const sign = hash & 0x80000000 ? -1 : 1;
    vector[hash % dimensions]! += sign * (1 + Math.log(count));
  }
  const norm = Math.hypot(...vector);
  return norm > 0 ? vector.map((v) => v / norm) : vector;
}

function localProvider(dimensions: number): EmbeddingProvider {
  return {
    kind: "local",
    model: `local-hash-v1`,
    dimensions,
    semantic: false,
    embed: async (texts) => texts.map((t) => hashedEmbedding(t, dimensions)),
  };
}

// ─── openai: any OpenAI-compatible /embeddings endpoint ───────────────────────

const BATCH = 64;

function openaiProvider(options: {
  baseUrl: string;
  apiKey: string | undefined;
  model: string;
  dimensions: number;
  timeoutMs: number;
}): EmbeddingProvider {
  const url = `${options.baseUrl.replace(/\/+$/, "")}/embeddings`;
  return {
    kind: "openai",
    model: options.model,
    dimensions: options.dimensions,
    semantic: true,
    async embed(texts) {
      const out: number[][] = [];
      for (let i = 0; i < texts.length; i += BATCH) {
        const input = texts.slice(i, i + BATCH);
        const response = await fetch(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
          },
          body: JSON.stringify({
            model: options.model,
            input,
            dimensions: options.dimensions,
            encoding_format: "float",
          }),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        if (!response.ok) {
          // The status only: a provider's error body may echo the request.
          throw new Error(`embedding provider answered ${response.status}`);
        }
        const body = (await response.json()) as { data?: { index?: number; embedding?: unknown }[] };
        const data = [...(body.data ?? [])].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
        if (data.length !== input.length) throw new Error("embedding provider answered the wrong number of vectors");
        for (const item of data) {
          const vector = item.embedding;
          if (
            !Array.isArray(vector) ||
            vector.length !== options.dimensions ||
            !vector.every((v) => typeof v === "number" && Number.isFinite(v))
          ) {
            throw new Error(`embedding provider answered a vector that is not ${options.dimensions} numbers`);
          }
          out.push(vector as number[]);
        }
      }
      return out;
    },
  };
}

/** The configured provider, or null when KNOWLEDGE_EMBEDDINGS=off. */
export function embeddingProvider(): EmbeddingProvider | null {
  switch (env.KNOWLEDGE_EMBEDDINGS) {
    case "off":
      return null;
    case "openai":
      return openaiProvider({
        baseUrl: env.EMBEDDING_BASE_URL ?? env.OPENAI_BASE_URL ?? "https://api.openai.com/v1",
        apiKey: env.EMBEDDING_API_KEY ?? env.OPENAI_API_KEY,
        model: env.EMBEDDING_MODEL,
        dimensions: env.EMBEDDING_DIMENSIONS,
        timeoutMs: Math.min(env.AI_TIMEOUT_MS, 30_000),
      });
    default:
      return localProvider(env.EMBEDDING_DIMENSIONS);
  }
}
