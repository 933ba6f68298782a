// Every setting Tessera reads, validated once. This is the only module that touches
// process.env (a house rule the before-stop hook checks). Unset services fall back to the
// embedded defaults described in docs/architecture.md ("Runtime modes").
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const optionalUrl = (protocols: string[]) =>
  optionalString.refine((value) => value === undefined || protocols.some((p) => value.startsWith(`${p}:`)), {
    message: `must be a URL starting with ${protocols.map((p) => `${p}://`).join(" or ")}`,
  });

const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value === "true" || value === "1");

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    APP_URL: z.url().default("http://localhost:3000"),
    DATABASE_URL: optionalUrl(["postgres", "postgresql"]),
    PGLITE_DATA_DIR: z.string().default(".data/pglite"),
    REDIS_URL: optionalUrl(["redis", "rediss"]),
    REDIS_KEY_PREFIX: z.string().default(""),
    UPSTASH_REDIS_REST_URL: optionalUrl(["http", "https"]),
    UPSTASH_REDIS_REST_TOKEN: optionalString,
    AUTH_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, {
      message: "must be at least 32 characters (try: openssl rand -base64 32)",
    }),
    AUTH_GITHUB_ID: optionalString,
    AUTH_GITHUB_SECRET: optionalString,
    AUTH_GOOGLE_ID: optionalString,
    AUTH_GOOGLE_SECRET: optionalString,
    TESSERA_ADMIN_EMAIL: optionalString.pipe(z.email().optional()),
    TESSERA_ADMIN_PASSWORD: optionalString.refine((v) => v === undefined || v.length >= 12, {
      message: "must be at least 12 characters",
    }),
    TESSERA_SEED: z.enum(["auto", "never"]).default("auto"),
    SMTP_URL: optionalUrl(["smtp", "smtps"]),
    EMAIL_FROM: z.string().default("Tessera <no-reply@tessera.local>"),
    CRON_SECRET: optionalString.refine((v) => v === undefined || v.length >= 16, {
      message: "must be at least 16 characters",
    }),
    USAGE_FLUSH_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
    API_RATE_LIMIT_MULTIPLIER: z.coerce.number().positive().max(1_000_000).default(1),
    /**
     * Gate leases (lib/usage/lease.ts; TCP Redis only): "on" lets each server admit API calls from
     * batches it leased from Redis, without a round trip per call. Revocation then reaches a server
     * by Redis pub/sub (leases last 1 s at most), limits are never exceeded but another server's
     * unused batch may refuse a call early, and usage counts reach Redis within 100 ms. "off"
     * (default): every call asks Redis, exact and immediate.
     */
    API_GATE_LEASES: z.enum(["on", "off"]).default("off"),
    METRICS_TOKEN: optionalString,
    /**
     * DNS servers ("IP" or "IP:port", comma-separated) that check custom domains' TXT records.
     * Unset: the system's resolvers.
     */
    DOMAIN_DNS_SERVERS: optionalString
      .transform((value) =>
        value
          ?.split(",")
          .map((server) => server.trim())
          .filter(Boolean),
      )
      .refine((servers) => servers === undefined || servers.every((server) => /^[0-9a-fA-F.:[\]]+$/.test(server)), {
        message: "must be IP addresses, optionally with a port (e.g. 1.1.1.1,127.0.0.1:5353)",
      }),
    /**
     * How many proxies of ours (load balancer, CDN, platform) stand in front of the app and append
     * to X-Forwarded-For. 0: clients connect directly and X-Forwarded-For is ignored.
     */
    TRUSTED_PROXY_COUNT: z.coerce.number().int().min(0).max(10).default(0),
    STRIPE_SECRET_KEY: optionalString.refine((v) => v === undefined || /^(sk|rk)_(test|live)_/.test(v), {
      message: "must be a Stripe secret or restricted key (sk_test_…, sk_live_…, rk_…)",
    }),
    STRIPE_WEBHOOK_SECRET: optionalString.refine((v) => v === undefined || v.startsWith("whsec_"), {
      message: "must be a webhook signing secret (whsec_…)",
    }),
    /** Points the Stripe SDK elsewhere (stripe-mock, a test fake). Unset: api.stripe.com. */
    STRIPE_API_URL: optionalUrl(["http", "https"]),
    PAYPAL_CLIENT_ID: optionalString,
    PAYPAL_CLIENT_SECRET: optionalString,
    PAYPAL_WEBHOOK_ID: optionalString,
    PAYPAL_ENVIRONMENT: z.enum(["sandbox", "live"]).default("sandbox"),
    /** Points the PayPal SDK and REST calls elsewhere (a test fake). Unset: PayPal's URL for the environment. */
    PAYPAL_API_URL: optionalUrl(["http", "https"]),
    /** "api": ask PayPal to verify each webhook; "offline": check the signature against PayPal's certificate. */
    PAYPAL_WEBHOOK_VERIFICATION: z.enum(["api", "offline"]).default("api"),
    BILLING_GRACE_DAYS: z.coerce.number().int().min(0).max(60).default(7),
    /**
     * Turns the local provider's simulated checkout (test cards, no money) on where it is otherwise
     * off: in production on PostgreSQL, for a demo. Never with Stripe or PayPal configured.
     */
    BILLING_SIMULATED_CHECKOUT: booleanFlag,
    /**
     * Per-namespace cache TTLs in seconds overriding the defaults in lib/cache/namespaces.ts,
     * e.g. "tenant-slug=900,membership=120".
     */
    CACHE_TTLS: optionalString
      .refine((value) => value === undefined || /^([a-z][a-z0-9-]*=\d{1,6})(,[a-z][a-z0-9-]*=\d{1,6})*$/.test(value), {
        message: 'must be "namespace=seconds" pairs separated by commas, e.g. tenant-slug=900,membership=120',
      })
      .transform(
        (value) =>
          Object.fromEntries(
            (value ?? "")
              .split(",")
              .filter(Boolean)
              .map((pair) => {
                const [name, seconds] = pair.split("=");
                return [name ?? "", Number(seconds)];
              }),
          ) as Record<string, number>,
      ),
    /**
     * Which engine answers the assistants: "local" (the offline engine: runs the tools on the real
     * data and composes the answer; no keys), "openai", "anthropic" or "openai-compatible" (Ollama,
     * vLLM, llama.cpp server). Unset: the first provider with a key, else local.
     */
    AI_PROVIDER: z.enum(["local", "openai", "anthropic", "openai-compatible"]).optional(),
    OPENAI_API_KEY: optionalString,
    /** Points the OpenAI SDK elsewhere (a proxy, a test fake). Unset: api.openai.com. */
    OPENAI_BASE_URL: optionalUrl(["http", "https"]),
    ANTHROPIC_API_KEY: optionalString,
    ANTHROPIC_BASE_URL: optionalUrl(["http", "https"]),
    /** An OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1 for Ollama. */
    AI_COMPATIBLE_BASE_URL: optionalUrl(["http", "https"]),
    AI_COMPATIBLE_API_KEY: optionalString,
    /** The model when neither the agent nor AI_MODEL_BY_TIER names one. */
    AI_MODEL: optionalString,
    /** Model per tier, e.g. "FREE=gpt-4o-mini,ENTERPRISE=gpt-4o". */
    AI_MODEL_BY_TIER: optionalString,
    /** A turn that has not finished in this time ends with a clear message (what was streamed is kept). */
    AI_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(600_000).default(60_000),
    /** Chat calls per user and minute. */
    AI_CHAT_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
    /** The offline engine streams its answer in word chunks this many ms apart (tests slow it down). */
    AI_LOCAL_CHUNK_DELAY_MS: z.coerce.number().int().min(0).max(1_000).default(8),
    /**
     * Embeddings for knowledge search, fused with full-text ranking where the database has the
     * pgvector extension (PGlite always; PostgreSQL when installed before migrating): "local" (a
     * deterministic hashed bag of words, offline: exercises the path, no semantics), "openai" (any
     * OpenAI-compatible /embeddings endpoint) or "off" (full-text search only).
     */
    KNOWLEDGE_EMBEDDINGS: z.enum(["off", "local", "openai"]).default("local"),
    /** The /embeddings endpoint's base URL. Unset: OPENAI_BASE_URL, else api.openai.com. */
    EMBEDDING_BASE_URL: optionalUrl(["http", "https"]),
    /** Unset: OPENAI_API_KEY (an endpoint of your own, e.g. Ollama, may need none). */
    EMBEDDING_API_KEY: optionalString,
    EMBEDDING_MODEL: z.string().default("text-embedding-3-small"),
    /** Vector size: asked of the provider (OpenAI's `dimensions`) and used by the local embedding. */
    EMBEDDING_DIMENSIONS: z.coerce.number().int().min(16).max(4096).default(256),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
    /** Where the embedded object store keeps files (used when S3_BUCKET is unset). */
    STORAGE_DISK_DIR: z.string().default(".data/objects"),
    /** An S3-compatible bucket for files (AWS S3, R2, MinIO). Unset: files on disk (STORAGE_DISK_DIR). */
    S3_BUCKET: optionalString,
    S3_REGION: z.string().default("us-east-1"),
    /** The S3-compatible service's URL (R2, MinIO). Unset: AWS for S3_REGION. */
    S3_ENDPOINT: optionalUrl(["http", "https"]),
    S3_ACCESS_KEY_ID: optionalString,
    S3_SECRET_ACCESS_KEY: optionalString,
    /** Path-style URLs (bucket in the path): most S3-compatible services need it. Default: on with S3_ENDPOINT. */
    S3_FORCE_PATH_STYLE: z
      .enum(["true", "false", "1", "0", ""])
      .optional()
      .transform((v) => (v === undefined || v === "" ? undefined : v === "true" || v === "1")),
    /**
     * Where webhook events are processed after the route stored them: "worker" in each server
     * process, "external" in `npm run worker` only, "inline" inside the request (before answering).
     */
    WEBHOOK_PROCESSING: z.enum(["worker", "external", "inline"]).default("worker"),
    /** Ordering keys (tenants, objects) a webhook worker processes at once. */
    WEBHOOK_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
    /**
     * OpenTelemetry tracing (lib/observability/tracing.ts): on only when an OTLP endpoint is set
     * (Jaeger, an OTel collector; OTLP over HTTP, e.g. http://127.0.0.1:4318). The SDK reads the
     * standard OTEL_* variables itself; they are validated here.
     */
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl(["http", "https"]),
    OTEL_SERVICE_NAME: z.string().trim().min(1).default("tessera"),
    OTEL_TRACES_SAMPLER: z
      .enum([
        "always_on",
        "always_off",
        "traceidratio",
        "parentbased_always_on",
        "parentbased_always_off",
        "parentbased_traceidratio",
      ])
      .default("parentbased_always_on"),
    OTEL_TRACES_SAMPLER_ARG: optionalString.pipe(z.coerce.number<string | undefined>().min(0).max(1).optional()),
    /** The exporter (lib/observability/otel.ts): a traces-only endpoint, headers `k=v,k2=v2`, protocol. */
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: optionalUrl(["http", "https"]),
    OTEL_EXPORTER_OTLP_HEADERS: optionalString,
    OTEL_EXPORTER_OTLP_TRACES_HEADERS: optionalString,
    OTEL_EXPORTER_OTLP_PROTOCOL: optionalString.pipe(z.enum(["http/protobuf", "http/json"]).optional()),
    OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: optionalString.pipe(z.enum(["http/protobuf", "http/json"]).optional()),
    /**
     * The span batch (lib/observability/otel.ts): queue and batch sizes (defaults 8192 and 1024),
     * the longest a span waits before its batch is sent (ms, default 5000) and an export's timeout
     * (ms, default 30000).
     */
    OTEL_BSP_MAX_QUEUE_SIZE: optionalString.pipe(z.coerce.number<string | undefined>().int().positive().optional()),
    OTEL_BSP_MAX_EXPORT_BATCH_SIZE: optionalString.pipe(
      z.coerce.number<string | undefined>().int().positive().optional(),
    ),
    OTEL_BSP_SCHEDULE_DELAY: optionalString.pipe(z.coerce.number<string | undefined>().int().positive().optional()),
    OTEL_BSP_EXPORT_TIMEOUT: optionalString.pipe(z.coerce.number<string | undefined>().int().positive().optional()),
    /** Links on /admin/system, and the SLO source when PROMETHEUS_URL is set. */
    PROMETHEUS_URL: optionalUrl(["http", "https"]),
    GRAFANA_URL: optionalUrl(["http", "https"]),
    JAEGER_URL: optionalUrl(["http", "https"]),
    SKIP_ENV_VALIDATION: booleanFlag,
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.UPSTASH_REDIS_REST_URL) !== Boolean(env.UPSTASH_REDIS_REST_TOKEN)) {
      ctx.addIssue({
        code: "custom",
        path: ["UPSTASH_REDIS_REST_TOKEN"],
        message: "UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN go together",
      });
    }
    if (Boolean(env.PAYPAL_CLIENT_ID) !== Boolean(env.PAYPAL_CLIENT_SECRET)) {
      ctx.addIssue({
        code: "custom",
        path: ["PAYPAL_CLIENT_SECRET"],
        message: "PAYPAL_CLIENT_ID and PAYPAL_CLIENT_SECRET go together",
      });
    }
    if (env.BILLING_SIMULATED_CHECKOUT && (env.STRIPE_SECRET_KEY || env.PAYPAL_CLIENT_ID)) {
      ctx.addIssue({
        code: "custom",
        path: ["BILLING_SIMULATED_CHECKOUT"],
        message: "cannot be on while Stripe or PayPal is configured (simulated payments would mix with real ones)",
      });
    }
    if (Boolean(env.S3_ACCESS_KEY_ID) !== Boolean(env.S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({
        code: "custom",
        path: ["S3_SECRET_ACCESS_KEY"],
        message: "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together",
      });
    }
    if (env.WEBHOOK_PROCESSING === "external" && !env.DATABASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["WEBHOOK_PROCESSING"],
        message: "external needs DATABASE_URL (the embedded database belongs to the server process alone)",
      });
    }
    if (env.AI_PROVIDER === "openai-compatible" && !env.AI_COMPATIBLE_BASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["AI_COMPATIBLE_BASE_URL"],
        message: "is needed for AI_PROVIDER=openai-compatible",
      });
    }
    if (
      env.KNOWLEDGE_EMBEDDINGS === "openai" &&
      !env.EMBEDDING_API_KEY &&
      !env.OPENAI_API_KEY &&
      !env.EMBEDDING_BASE_URL
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["EMBEDDING_API_KEY"],
        message: "KNOWLEDGE_EMBEDDINGS=openai needs EMBEDDING_API_KEY (or OPENAI_API_KEY), or EMBEDDING_BASE_URL",
      });
    }
    if (Boolean(env.TESSERA_ADMIN_EMAIL) !== Boolean(env.TESSERA_ADMIN_PASSWORD)) {
      ctx.addIssue({
        code: "custom",
        path: ["TESSERA_ADMIN_PASSWORD"],
        message: "TESSERA_ADMIN_EMAIL and TESSERA_ADMIN_PASSWORD go together",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** Parses a set of variables; throws one readable error listing every bad value. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  if (source.SKIP_ENV_VALIDATION === "true" || source.SKIP_ENV_VALIDATION === "1") {
    return envSchema.parse({ NODE_ENV: source.NODE_ENV === "production" ? "production" : "development" });
  }
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".") || "(env)"}: ${issue.message}`);
  throw new Error(`Invalid environment settings:\n${lines.join("\n")}\nSee .env.example for every setting.`);
}

export const env: Env = parseEnv(process.env);

/** Which implementation serves each concern: shown on /api/health and in the admin console. */
export const runtimeMode = {
  database: env.DATABASE_URL ? "postgres" : "embedded",
  cache: env.UPSTASH_REDIS_REST_URL ? "upstash" : env.REDIS_URL ? "redis" : "memory",
  email: env.SMTP_URL ? "smtp" : "log",
  payments:
    [env.STRIPE_SECRET_KEY ? "stripe" : null, env.PAYPAL_CLIENT_ID ? "paypal" : null].filter(Boolean).join(" + ") ||
    (env.BILLING_SIMULATED_CHECKOUT || env.NODE_ENV !== "production" || !env.DATABASE_URL ? "local" : "none"),
  storage: env.S3_BUCKET ? "s3" : "disk",
} as const;

export const oauthProviders = {
  github: Boolean(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET),
  google: Boolean(env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET),
};

/** The operator account ensured at boot. Demo values are used when none are configured. */
export const DEMO_ADMIN = { email: "admin@tessera.local", password: "tessera-admin-demo" } as const;
export const operatorCredentials =
  env.TESSERA_ADMIN_EMAIL && env.TESSERA_ADMIN_PASSWORD
    ? { email: env.TESSERA_ADMIN_EMAIL, password: env.TESSERA_ADMIN_PASSWORD, demo: false }
    : { ...DEMO_ADMIN, demo: true };
