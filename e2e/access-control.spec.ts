// Every page under app/, requested the way an attacker would: as a normal GET, and as the router's
// RSC request (`RSC: 1`) with and without a `Next-Router-State-Tree` header. The state tree claims
// that every layout above the page is already on screen, so Next renders the page alone — the
// layouts (and any check they make) do not run. A layout is not a guard; the page must be.
// Every page under pages/ (the Pages Router's public pages), as a GET and as its /_next/data JSON.
//
// Callers: no cookie; a member of another workspace who is not an operator; a viewer of the
// workspace, whose role lacks the permission of some sections. For each page the caller may not
// see, the answer must be a refusal (a redirect to sign-in, 404 or 403 — in an RSC stream, the
// refusal's digest), and no answer at all may carry a canary: data only an operator or the
// workspace's privileged members may read, each checked below to be really shown to them.
import { readFileSync } from "node:fs";
import path from "node:path";

import { expect, test, type APIRequestContext, type APIResponse, type Browser, type BrowserContext } from "./test";

import { can, type Permission } from "../lib/tenancy/permissions";
import { AuthPages, DEMO_PASSWORD, OPERATOR, unique } from "./pages";
import { servedAt } from "../lib/page-aliases";
import { appPages, pagesRoutes } from "./routes";

/** The workspace the probes target (`[slug]`): Delta Logistics, with billing history. */
const SLUG = "delta";
const VIEWER = "val@delta.test";
const OWNER = "dana@delta.test";
const OUTSIDER = "olivia@acme.test"; // owner of Acme, neither operator nor Delta member

/**
 * Pages anyone may open (no sign-in); every other page refuses a caller without a session. The
 * invitation and email-verification pages are opened from a link in an email: the token in the
 * path is the credential, and they show nothing else until the right person signs in.
 */
const PUBLIC_TOP = new Set(["(auth)", "invite", "verify-email"]);
const isPublic = (folders: string[]) => folders[0] !== undefined && PUBLIC_TOP.has(folders[0]);
/**
 * Pages Router pages (pages/, probed apart: they have no RSC requests, but a /_next/data JSON):
 * the landing, pricing and API reference pages, all public. The help centre (pages/help/…) is
 * public only while a workspace turns it on; Delta's is off, so it must answer 404 to everyone.
 */
const PUBLIC_PAGES = new Set(["", "pricing", "api-docs"]);

interface Canary {
  label: string;
  pattern: RegExp;
  /** Whether the viewer of Delta may see it (Delta's own name and members). */
  viewerMay?: boolean;
}

const FIXED_CANARIES: Canary[] = [
  { label: "another tenant's name", pattern: /Echo Health|Bluebird Studio|Gamma Retail|Cobalt Labs|Foxtrot Media/ },
  { label: "Delta's name", pattern: /Delta Logistics/, viewerMay: true },
  { label: "another tenant's member", pattern: /\b[a-z]+@(echo|bluebird|gamma|cobalt|foxtrot)\.test\b/ },
  { label: "Delta's member", pattern: /\b[a-z]+@delta\.test\b/, viewerMay: true },
  { label: "a billing contact", pattern: /ap@delta-logistics\.test/ },
  { label: "an invoice number", pattern: /\b(DELTA|ECHO|BLUEBIRD|GAMMA|ACME)-\d{4}\b/ },
  { label: "a webhook event id", pattern: /evt_seed_[a-z]+_\d{3}/ },
  {
    label: "a payout receiver",
    pattern: /@(northwind-partners|lenaconsulting|unclaimed|closed|medreseller|kai-integrations)\.test/,
  },
];

interface Answer {
  status: number;
  location: string;
  body: string;
}

type Variant = "GET" | "RSC" | "RSC+tree" | "DATA";

interface Probe {
  folders: string[];
  url: string;
  tree: string;
  /** A Pages Router page: its /_next/data JSON (the props its data function returns), not RSC. */
  data?: string;
}

interface Caller {
  name: string;
  request: APIRequestContext;
  canaries: Canary[];
  /** Whether this caller must be refused the page. */
  refused(folders: string[]): boolean;
}

async function signedIn(browser: Browser, email: string, password = DEMO_PASSWORD): Promise<BrowserContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new AuthPages(page).signIn(email, password);
  await page.close();
  return context;
}

/** A GET without following redirects; an RSC request is sent again to the `_rsc` URL Next 16 redirects it to. */
async function fetchPage(request: APIRequestContext, url: string, headers: Record<string, string>): Promise<Answer[]> {
  const answers: Answer[] = [];
  let next: string | null = url;
  for (let hop = 0; next && hop < 2; hop++) {
    const response: APIResponse = await request.get(next, { headers, maxRedirects: 0 });
    const location = response.headers()["location"] ?? "";
    answers.push({ status: response.status(), location, body: await response.text() });
    next = headers.RSC && response.status() === 307 && /[?&]_rsc(=|&|$)/.test(location) ? location : null;
  }
  return answers;
}

function isRefusal(answer: Answer, rsc: boolean): boolean {
  if ([401, 403, 404].includes(answer.status)) return true;
  if ([303, 307, 308].includes(answer.status) && /^(https?:\/\/[^/]+)?\/sign-in(\?|$)/.test(answer.location))
    return true;
  // An RSC stream answers 200 and carries the refusal as the thrown error's digest.
  return (
    rsc &&
    answer.status === 200 &&
    /NEXT_REDIRECT;(replace|push);\/sign-in[^;]*;30[37];|NEXT_HTTP_ERROR_FALLBACK;40[34]/.test(answer.body)
  );
}

/** Runs `work` over `items`, `width` at a time. */
async function pool<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

test("no page answers protected data to a caller who may not read it, however it is requested", async ({ browser }) => {
  test.setTimeout(300_000);

  // Callers whose views prove the canaries are real protected data.
  const operator = await signedIn(browser, OPERATOR.email, OPERATOR.password);
  const owner = await signedIn(browser, OWNER);
  const ops = operator.request;

  const tenants = (await (await ops.get(`/api/admin/tenants?q=${SLUG}`)).json()) as {
    rows: { id: string; slug: string }[];
  };
  const deltaId = tenants.rows.find((row) => row.slug === SLUG)?.id;
  expect(deltaId, "Delta's tenant id").toBeTruthy();
  const webhooks = await (await ops.get("/admin/billing/webhooks")).text();
  const webhookId = /href="\/admin\/billing\/webhooks\/([A-Za-z0-9_-]+)"/.exec(webhooks)?.[1];
  expect(webhookId, "a webhook event id").toBeTruthy();

  // An API key of Delta's: its name and visible start are for members who may read keys.
  const keyName = unique("guards-canary-key");
  const created = await owner.request.post("/api/v1/api-keys", {
    headers: { "tessera-tenant": SLUG, origin: new URL(test.info().project.use.baseURL!).origin },
    data: { name: keyName, scopes: ["tenant:read"] },
  });
  expect(created.status()).toBe(201);
  const key = (await created.json()) as { start: string };

  // The platform's MRR this month, as the revenue page prints it.
  const csv = await (await ops.get("/admin/billing/revenue.csv?currency=usd")).text();
  const mrr = Number(csv.trimEnd().split("\r\n").at(-1)!.split(",")[2]);
  expect(mrr).toBeGreaterThan(0);
  const mrrText = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(mrr);

  const canaries: Canary[] = [
    ...FIXED_CANARIES,
    { label: "an API key's name", pattern: new RegExp(keyName) },
    { label: "an API key's start", pattern: new RegExp(key.start.replace(/[^A-Za-z0-9_]/g, "\\$&")) },
    { label: "the platform's MRR", pattern: new RegExp(mrrText.replace(/[$.]/g, "\\$&")) },
  ];

  // Each canary is really on a page its readers see (so a leak of that page would be caught).
  const shown: [BrowserContext, string, string[]][] = [
    [operator, "/admin/tenants", ["another tenant's name", "Delta's name"]],
    [operator, `/admin/tenants/${deltaId}`, ["Delta's member"]],
    [operator, "/admin/billing/invoices", ["an invoice number"]],
    [operator, "/admin/billing/webhooks", ["a webhook event id"]],
    [operator, "/admin/billing/payouts", ["a payout receiver"]],
    [operator, "/admin/billing?currency=usd", ["the platform's MRR"]],
    [owner, `/t/${SLUG}/billing`, ["a billing contact", "an invoice number"]],
    [owner, `/t/${SLUG}/api-keys`, ["an API key's name", "an API key's start"]],
  ];
  for (const [context, url, labels] of shown) {
    const body = await (await context.request.get(url)).text();
    for (const label of labels) {
      expect(body, `${label} on ${url}`).toMatch(canaries.find((c) => c.label === label)!.pattern);
    }
  }

  // Every page under app/, as a URL and as the router state of a client sitting below it.
  const values = (folders: string[], index: number): string => {
    const name = /^\[(?:\.\.\.)?(.+)\]$/.exec(folders[index] ?? "")?.[1];
    if (name === "slug") return SLUG;
    if (name === "id" && folders[index - 1] === "tenants") return deltaId!;
    if (name === "id" && folders[index - 1] === "webhooks") return webhookId!;
    return `guards-made-up-${name}`;
  };
  const probes: Probe[] = appPages().map((folders) => {
    const parts: string[] = [];
    let node: unknown = ["guards-probe", { children: ["__PAGE__", {}] }];
    const segments = folders.map((folder, index) => {
      if (/^\(.*\)$/.test(folder)) return folder;
      const dynamic = /^\[(\.\.\.)?(.+)\]$/.exec(folder);
      if (!dynamic) {
        parts.push(folder);
        return folder;
      }
      parts.push(values(folders, index));
      return [dynamic[2], values(folders, index), dynamic[1] ? "c" : "d", null];
    });
    for (const segment of segments.reverse()) node = [segment, { children: node }];
    return {
      folders,
      url: `/${parts.join("/")}`,
      tree: encodeURIComponent(JSON.stringify(["", { children: node }])),
    };
  });
  // Every page under pages/, as its address and as its /_next/data JSON (the props of its data function).
  const buildId = readFileSync(path.join(process.cwd(), ".next", "BUILD_ID"), "utf8").trim();
  const pageProbes: Probe[] = pagesRoutes().map((folders) => {
    const route = `/${folders.map((folder, index) => (/^\[.+\]$/.test(folder) ? values(folders, index) : folder)).join("/")}`;
    return {
      folders: ["pages", ...folders],
      url: servedAt(route),
      tree: "",
      data: `/_next/data/${buildId}${route === "/" ? "/index" : route}.json`,
    };
  });
  expect(pageProbes.map((p) => p.url)).toEqual(expect.arrayContaining(["/", "/pricing", "/api/docs"]));
  const urls = probes.map((p) => p.url);
  expect(urls).toEqual(
    expect.arrayContaining([
      "/admin",
      "/admin/tenants",
      `/admin/tenants/${deltaId}`,
      "/admin/billing/customers",
      `/admin/billing/webhooks/${webhookId}`,
      `/t/${SLUG}`,
      `/t/${SLUG}/billing`,
    ]),
  );

  // The permission each workspace section's layout declares (the viewer lacks some of them).
  const sectionPermission = (folders: string[]): Permission[] =>
    folders.flatMap((_, i) => {
      const file = path.join(process.cwd(), "app", ...folders.slice(0, i + 1), "layout.tsx");
      try {
        const match = /permissionLayout\("([a-zA-Z]+:[a-zA-Z]+)"\)/.exec(readFileSync(file, "utf8"));
        return match ? [match[1] as Permission] : [];
      } catch {
        return [];
      }
    });

  const anonymous = await browser.newContext();
  const outsider = await signedIn(browser, OUTSIDER);
  const viewer = await signedIn(browser, VIEWER);
  const callers: Caller[] = [
    {
      name: "no cookie",
      request: anonymous.request,
      canaries,
      refused: (f) => (f[0] === "pages" ? !PUBLIC_PAGES.has(f.slice(1).join("/")) : !isPublic(f)),
    },
    {
      name: `${OUTSIDER} (another workspace, not an operator)`,
      request: outsider.request,
      canaries,
      refused: (f) => f[0] === "admin" || f[0] === "t",
    },
    {
      name: `${VIEWER} (viewer of ${SLUG})`,
      request: viewer.request,
      canaries: canaries.filter((c) => !c.viewerMay),
      refused: (f) => f[0] === "admin" || sectionPermission(f).some((p) => !can("VIEWER", p)),
    },
  ];

  const failures: string[] = [];
  const jobs = callers.flatMap((caller) =>
    [...probes, ...pageProbes]
      // The viewer is probed where her role matters: the console and her workspace.
      .filter((probe) => caller.name.startsWith(VIEWER) === false || ["admin", "t"].includes(probe.folders[0] ?? ""))
      .flatMap((probe) =>
        ((probe.data ? ["GET", "DATA"] : ["GET", "RSC", "RSC+tree"]) as Variant[]).map((variant) => ({
          caller,
          probe,
          variant,
        })),
      ),
  );
  await pool(jobs, 3, async ({ caller, probe, variant }) => {
    const headers: Record<string, string> = {};
    if (variant === "RSC" || variant === "RSC+tree") headers.RSC = "1";
    if (variant === "RSC+tree") headers["Next-Router-State-Tree"] = probe.tree;
    // The data JSON is what Next's client router fetches on a Pages Router navigation.
    if (variant === "DATA") headers["x-nextjs-data"] = "1";
    const url = variant === "DATA" ? probe.data! : probe.url;
    const answers = await fetchPage(caller.request, url, headers);
    const last = answers.at(-1)!;
    const where = `${caller.name} · ${variant} ${url} → ${last.status}`;
    const leaked = caller.canaries.filter((c) => answers.some((a) => c.pattern.test(a.body))).map((c) => c.label);
    if (leaked.length) failures.push(`${where}: leaked ${leaked.join(", ")}`);
    if (last.status >= 500) failures.push(`${where}: server error`);
    else if (caller.refused(probe.folders) && !isRefusal(last, variant === "RSC" || variant === "RSC+tree")) {
      failures.push(`${where}: rendered instead of refusing`);
    }
  });

  for (const context of [operator, owner, anonymous, outsider, viewer]) await context.close();
  expect(failures, failures.join("\n")).toEqual([]);
});
