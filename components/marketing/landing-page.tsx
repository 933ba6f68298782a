import Link from "next/link";
import { Activity, ArrowRight, BookOpen, Bot, Building2, ChartColumn, CreditCard, Database } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { DEFAULT_TRIAL_TIER, TIER_DEFINITIONS, TIERS, TRIAL_DAYS, formatLimit } from "@/lib/tenancy/tiers";

import type { PageHead } from "./marketing-layout";

/** The landing page's title (the whole title, no " · Tessera") and description. */
export const LANDING_HEAD: PageHead = {
  title: "Tessera — open-source multi-tenant SaaS platform",
  description:
    "Sign up customer organisations, bill them with Stripe or PayPal, meter usage against plan limits, and give every workspace dashboards and AI assistants.",
};

const FEATURES = [
  {
    icon: Building2,
    title: "Multi-tenant workspaces",
    body: "Every customer organisation gets its own workspace with members, roles and API keys. Isolation is enforced twice: by a tenant-scoped data client and by PostgreSQL row-level security.",
  },
  {
    icon: CreditCard,
    title: "Billing with Stripe & PayPal",
    body: "Plans, trials, invoices and a self-service billing portal. Webhooks are signature-checked, stored once and processed idempotently, so retries and duplicates change nothing.",
  },
  {
    icon: Bot,
    title: "AI assistants",
    body: "Seven domain assistants that answer from the workspace's own data, say how sure they are and suggest actions you approve with one click. Connect OpenAI, Anthropic or any OpenAI-compatible server such as Ollama, or use the built-in offline model.",
  },
  {
    icon: Database,
    title: "Redis cache management",
    body: "Tenant-namespaced keys, cache statistics, warming and invalidation from the operator console. Works with Upstash, any Redis server, or an in-memory store.",
  },
  {
    icon: ChartColumn,
    title: "Analytics dashboards",
    body: "Realtime metrics, hourly trends and SaaS KPIs (MRR, ARR, churn, retention, LTV:CAC) on hourly rollups, dashboards your team builds itself, and CSV export for any chart.",
  },
  {
    icon: BookOpen,
    title: "Files and knowledge base",
    body: "Uploads counted exactly against each plan's storage, on disk or any S3-compatible store, and a searchable knowledge base that the support assistant cites in its answers.",
  },
  {
    icon: Activity,
    title: "Observability",
    body: "Prometheus metrics, OpenTelemetry tracing and health checks, plus Grafana dashboards and alert rules you can start from.",
  },
] as const;

const RUNTIME = [
  { concern: "Database", production: "PostgreSQL", local: "Embedded PGlite, persisted on disk" },
  { concern: "Cache & rate limits", production: "Upstash or any Redis", local: "In-process memory store" },
  { concern: "Payments", production: "Stripe and PayPal", local: "Simulated checkout emitting the same events" },
  { concern: "AI models", production: "OpenAI, Anthropic, OpenAI-compatible", local: "Deterministic offline model" },
  { concern: "Email", production: "SMTP", local: "Written to the log and shown to the admin" },
  { concern: "Tracing", production: "Any OTLP endpoint", local: "Metrics still served; spans dropped" },
] as const;

export function LandingPage() {
  return (
    <>
      <section aria-labelledby="hero-title" className="border-b bg-primary/5">
        <div className="mx-auto grid max-w-6xl gap-8 px-4 py-20 sm:px-6 sm:py-28">
          <Badge variant="info" className="rounded-full px-3 py-1">
            Open source · MIT licensed
          </Badge>
          <div className="grid max-w-3xl gap-5">
            <h1 id="hero-title" className="text-4xl font-semibold tracking-tight text-balance sm:text-5xl">
              The multi-tenant SaaS platform you run yourself
            </h1>
            <p className="text-lg text-pretty text-muted-foreground">
              Tessera signs up your customers&apos; organisations, bills them through Stripe or PayPal, meters their
              usage against plan limits, and gives every workspace dashboards and AI assistants, while your operators
              watch it all in Grafana.
            </p>
          </div>
          <div className="flex flex-wrap items-center gap-3">
            <Button asChild size="lg">
              <Link href="/sign-up">
                Start {TRIAL_DAYS}-day trial
                <ArrowRight aria-hidden />
              </Link>
            </Button>
            <Button asChild size="lg" variant="outline">
              <Link href="/pricing">See pricing</Link>
            </Button>
          </div>
        </div>
      </section>

      <section aria-labelledby="features-title" className="mx-auto max-w-6xl px-4 py-20 sm:px-6">
        <div className="grid max-w-2xl gap-3">
          <h2 id="features-title" className="text-3xl font-semibold tracking-tight">
            What it does
          </h2>
          <p className="text-muted-foreground">
            The parts every multi-tenant product needs, built once and tested together.
          </p>
        </div>
        <ul className="mt-10 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {FEATURES.map(({ icon: Icon, title, body }, index) => (
            // The first card spans two columns, so seven cards fill two rows of four (or 1 + 3 × 2).
            <li key={title} className={index === 0 ? "flex sm:col-span-2" : "flex"}>
              <Card className="w-full">
                <CardHeader className="gap-3">
                  <span
                    aria-hidden
                    className="flex size-10 items-center justify-center rounded-lg bg-primary/10 text-primary"
                  >
                    <Icon className="size-5" />
                  </span>
                  <CardTitle as="h3" className="text-base">
                    {title}
                  </CardTitle>
                  <CardDescription className="leading-relaxed">{body}</CardDescription>
                </CardHeader>
              </Card>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="runtime-title" className="border-y bg-muted/40">
        <div className="mx-auto grid max-w-6xl gap-10 px-4 py-20 sm:px-6 lg:grid-cols-[1fr_1.4fr] lg:items-start">
          <div className="grid gap-3">
            <h2 id="runtime-title" className="text-3xl font-semibold tracking-tight">
              Real services in production, nothing to install for development
            </h2>
            <p className="text-muted-foreground">
              Each external service has a production path and an embedded default, chosen from your environment
              settings. A fresh clone runs with no accounts and no servers:
            </p>
            <pre className="w-fit rounded-md border bg-background px-4 py-3 font-mono text-sm">
              <code>npm install && npm run dev</code>
            </pre>
          </div>
          <div className="rounded-xl border bg-card">
            <Table>
              <TableCaption className="sr-only">Production services and their development defaults</TableCaption>
              <TableHeader>
                <TableRow className="hover:bg-transparent">
                  <TableHead>Concern</TableHead>
                  <TableHead>Configured</TableHead>
                  <TableHead>Default</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {RUNTIME.map((row) => (
                  <TableRow key={row.concern} className="hover:bg-transparent">
                    <TableHead scope="row" className="h-auto py-2.5 whitespace-normal">
                      {row.concern}
                    </TableHead>
                    <TableCell>{row.production}</TableCell>
                    <TableCell className="text-muted-foreground">{row.local}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </div>
      </section>

      <section aria-labelledby="plans-title" className="mx-auto max-w-6xl px-4 py-20 sm:px-6">
        <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
          <div className="grid max-w-2xl gap-3">
            <h2 id="plans-title" className="text-3xl font-semibold tracking-tight">
              Five plans, clear limits
            </h2>
            <p className="text-muted-foreground">
              Limits on users, AI agents, API calls and storage are enforced per workspace and shown on its usage page.
            </p>
          </div>
          <Button asChild variant="outline">
            <Link href="/pricing">
              Compare plans
              <ArrowRight aria-hidden />
            </Link>
          </Button>
        </div>
        <ul className="mt-10 grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
          {TIERS.map((tier) => {
            const def = TIER_DEFINITIONS[tier];
            return (
              <li key={tier} className="grid gap-1 rounded-lg border p-4">
                <h3 className="font-semibold">{def.label}</h3>
                <p className="text-sm text-muted-foreground">
                  {def.limits.users === null ? "Unlimited users" : `Up to ${formatLimit(def.limits.users)} users`}
                </p>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="cta-title" className="border-t">
        <div className="mx-auto flex max-w-6xl flex-col items-start gap-6 px-4 py-16 sm:px-6 md:flex-row md:items-center md:justify-between">
          <div className="grid gap-2">
            <h2 id="cta-title" className="text-2xl font-semibold tracking-tight">
              Try it with your own workspace
            </h2>
            <p className="text-muted-foreground">
              New workspaces start with a {TRIAL_DAYS}-day trial of {TIER_DEFINITIONS[DEFAULT_TRIAL_TIER].label}.
            </p>
          </div>
          <div className="flex flex-wrap gap-3">
            <Button asChild size="lg">
              <Link href="/sign-up">Start {TRIAL_DAYS}-day trial</Link>
            </Button>
            <Button asChild size="lg" variant="ghost">
              <Link href="/api/docs">Read the API reference</Link>
            </Button>
          </div>
        </div>
      </section>
    </>
  );
}
