// The billing portal's boundary: who may read and who may act (server actions and the invoice PDF
// route, called in-process as Next.js would), the billing profile's validation, and the PDFs.
import { inflateSync } from "node:zlib";

import { PDFDocument } from "pdf-lib";
import { describe, expect, it, vi } from "vitest";

import type { Env } from "@/lib/env";
import type { Role } from "@/lib/db/generated/enums";
import type { SessionUser } from "@/lib/tenancy/context";
import { at as nth, group } from "../helpers/indexed";

const settings = vi.hoisted(() => ({ env: undefined as unknown as Env }));
vi.mock("@/lib/env", async (importOriginal) => {
  const s = await import("../helpers/settings");
  return s.withSettings(importOriginal, settings, {
    AUTH_SECRET: "billing-portal-test-secret-0123456789abcdef",
    ...s.NO_PAYMENT_PROVIDERS,
  });
});
const current = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/http/session", () => ({ getCurrentUser: async () => current.user }));
// Server actions revalidate the workspace after a change; outside a Next.js request that is a no-op.
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const actions = await import("@/app/t/[slug]/billing/actions");
const pdfRoute = await import("@/app/t/[slug]/billing/invoices/[id]/pdf/route");
const { loadBillingPortal } = await import("@/lib/billing/portal");
const { buildTenantContext } = await import("@/lib/tenancy/context");
const { tenantWithOwner } = await import("../helpers/api");
const { setupTestDb, uniq } = await import("../helpers/db");

type Ctx = Awaited<ReturnType<typeof tenantWithOwner>>;
const t = setupTestDb();
const IDLE = { status: "idle" } as const;
const GOOD = { cardNumber: "4242 4242 4242 4242", expiry: "12/34", cvc: "123", cardholder: "Ann" };

async function member(ctx: Ctx, role: Role): Promise<Ctx> {
  const user = await t.db.user.create({ data: { email: `${uniq(role.toLowerCase())}@example.test`, name: role } });
  await t.db.membership.create({ data: { tenantId: ctx.tenant.id, userId: user.id, role } });
  return buildTenantContext(
    { id: user.id, email: user.email, name: user.name, isPlatformAdmin: false },
    ctx.tenant,
    role,
  );
}

/** The owner subscribes through the local checkout; returns the invoice the checkout produced. */
async function subscribe(owner: Ctx) {
  current.user = owner.user;
  const started = await actions.startCheckoutAction(owner.tenant.slug, IDLE, {
    tier: "STARTER",
    interval: "MONTH",
    currency: "usd",
    provider: "LOCAL",
    nonce: uniq("nonce"),
  });
  expect(started.status).toBe("success");
  const redirectUrl = started.status === "success" ? (started.data?.redirectUrl ?? "") : "";
  const session = new URL(redirectUrl, "http://localhost").searchParams.get("session") ?? "";
  const done = await actions.completeCheckoutAction(owner.tenant.slug, IDLE, { ...GOOD, session });
  expect(done).toMatchObject({ status: "success", data: { declined: null } });
  return t.db.invoice.findFirstOrThrow({ where: { tenantId: owner.tenant.id } });
}

async function getPdf(slug: string, id: string) {
  const response = await pdfRoute.GET(new Request(`http://localhost/t/${slug}/billing/invoices/${id}/pdf`), {
    params: Promise.resolve({ slug, id }),
  });
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** The text drawn on the pages: standard fonts write it hex-encoded inside deflated content streams. */
function pageText(bytes: Buffer): string {
  const raw = bytes.toString("latin1");
  const hex: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(group(match, 1), "latin1")).toString("latin1");
    } catch {
      continue;
    }
    for (const text of content.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g))
      hex.push(Buffer.from(group(text, 1), "hex").toString("latin1"));
  }
  return hex.join("\n");
}

describe("billing portal authorisation", () => {
  it("refuses viewers, members and admins on every action; billing members may act", async () => {
    const owner = await tenantWithOwner(t.db);
    const forms: [keyof typeof actions, Record<string, string>][] = [
      [
        "startCheckoutAction",
        { tier: "STARTER", interval: "MONTH", currency: "usd", provider: "LOCAL", nonce: uniq("n") },
      ],
      ["previewPlanChangeAction", { tier: "PROFESSIONAL", interval: "MONTH" }],
      ["changePlanAction", { tier: "PROFESSIONAL", interval: "MONTH", nonce: uniq("n") }],
      ["cancelSubscriptionAction", { nonce: uniq("n") }],
      ["resumeSubscriptionAction", { nonce: uniq("n") }],
      ["paymentMethodAction", {}],
      ["updateBillingProfileAction", { email: "billing@example.test", currency: "usd" }],
      ["completeCheckoutAction", { ...GOOD, session: "x.y" }],
      ["updateLocalCardAction", { ...GOOD, nonce: uniq("n") }],
    ];
    for (const role of ["VIEWER", "MEMBER", "ADMIN"] as const) {
      current.user = (await member(owner, role)).user;
      for (const [name, form] of forms) {
        const state = await actions[name](owner.tenant.slug, IDLE, form);
        expect(state, `${role} ${name}`).toMatchObject({ status: "error", code: "forbidden" });
      }
    }
    expect(await t.db.billingAccount.count({ where: { tenantId: owner.tenant.id } })).toBe(0);
    expect(await t.db.subscription.count({ where: { tenantId: owner.tenant.id } })).toBe(0);

    current.user = (await member(owner, "BILLING")).user;
    const saved = await actions.updateBillingProfileAction(owner.tenant.slug, IDLE, {
      email: "billing@example.test",
      currency: "eur",
    });
    expect(saved).toMatchObject({ status: "success", message: "Billing details saved." });
    const started = await actions.startCheckoutAction(owner.tenant.slug, IDLE, nth(forms, 0)[1]);
    expect(started).toMatchObject({
      status: "success",
      data: { redirectUrl: expect.stringContaining("/billing/checkout?session=") },
    });
  });

  it("lets an admin read the portal but not manage it", async () => {
    const owner = await tenantWithOwner(t.db);
    await subscribe(owner);
    const admin = await member(owner, "ADMIN");
    const portal = await loadBillingPortal(admin);
    expect(portal.canManage).toBe(false);
    expect(portal.subscription).toMatchObject({ tier: "STARTER", status: "ACTIVE" });
    expect(portal.invoices).toHaveLength(1);
    expect(portal.paymentMethod).toMatchObject({ brand: "visa", last4: "4242" });
    expect(portal.providers).toEqual(["LOCAL"]);
    expect((await loadBillingPortal(owner)).canManage).toBe(true);
    await expect(loadBillingPortal(await member(owner, "VIEWER"))).rejects.toMatchObject({ code: "forbidden" });
  });

  it("serves invoice PDFs to billing readers only, and never another workspace's", async () => {
    const owner = await tenantWithOwner(t.db);
    const invoice = await subscribe(owner);
    for (const role of ["VIEWER", "MEMBER"] as const) {
      current.user = (await member(owner, role)).user;
      expect((await getPdf(owner.tenant.slug, invoice.id)).response.status, role).toBe(403);
    }
    current.user = (await member(owner, "ADMIN")).user;
    expect((await getPdf(owner.tenant.slug, invoice.id)).response.status).toBe(200);

    // Another workspace's owner asks for this invoice through their own workspace, or this one's.
    const stranger = await tenantWithOwner(t.db);
    current.user = stranger.user;
    expect((await getPdf(stranger.tenant.slug, invoice.id)).response.status).toBe(404);
    expect((await getPdf(owner.tenant.slug, invoice.id)).response.status).toBe(404);
    current.user = null;
    expect((await getPdf(owner.tenant.slug, invoice.id)).response.status).toBe(401);
  });
});

describe("billing profile", () => {
  it("answers field errors for bad input and writes nothing", async () => {
    const owner = await tenantWithOwner(t.db);
    current.user = owner.user;
    const state = await actions.updateBillingProfileAction(owner.tenant.slug, IDLE, {
      email: "not-an-email",
      line1: "1 Main Street",
      country: "XX",
      currency: "gbp",
    });
    expect(state).toMatchObject({ status: "error", code: "validation_failed" });
    const fieldErrors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
    expect(Object.keys(fieldErrors).sort()).toEqual(["city", "country", "currency", "email"]);
    expect(await t.db.billingAccount.count({ where: { tenantId: owner.tenant.id } })).toBe(0);
    expect(await t.db.auditLog.count({ where: { tenantId: owner.tenant.id, action: "billing.profile_updated" } })).toBe(
      0,
    );

    const ok = await actions.updateBillingProfileAction(owner.tenant.slug, IDLE, {
      email: " Billing@Example.TEST ",
      name: "Acme GmbH",
      line1: "Hauptstraße 1",
      city: "Berlin",
      postalCode: "10115",
      country: "de",
      currency: "eur",
    });
    expect(ok.status).toBe("success");
    const account = await t.db.billingAccount.findUniqueOrThrow({ where: { tenantId: owner.tenant.id } });
    expect(account).toMatchObject({ email: "billing@example.test", name: "Acme GmbH", currency: "eur" });
    expect(account.address).toMatchObject({ line1: "Hauptstraße 1", city: "Berlin", country: "DE", line2: null });

    // Clearing the address removes it.
    await actions.updateBillingProfileAction(owner.tenant.slug, IDLE, {
      email: "billing@example.test",
      currency: "usd",
    });
    const cleared = await t.db.billingAccount.findUniqueOrThrow({ where: { tenantId: owner.tenant.id } });
    expect(cleared.address).toBeNull();
    expect(await t.db.auditLog.count({ where: { tenantId: owner.tenant.id, action: "billing.profile_updated" } })).toBe(
      2,
    );
  });
});

describe("invoice PDFs", () => {
  it("renders a local invoice as a PDF attachment that carries its number and the billing address", async () => {
    const owner = await tenantWithOwner(t.db);
    current.user = owner.user;
    await actions.updateBillingProfileAction(owner.tenant.slug, IDLE, {
      name: "Ünïcode Billing Ltd",
      line1: "10 Downing Street",
      city: "London",
      postalCode: "SW1A 2AA",
      country: "GB",
      currency: "usd",
    });
    const invoice = await subscribe(owner);
    const number = invoice.number ?? "";
    expect(number).toMatch(/-0001$/);

    const { response, bytes } = await getPdf(owner.tenant.slug, invoice.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="invoice-${number}.pdf"`);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = pageText(bytes);
    expect(text).toContain(number);
    expect(text).toContain("10 Downing Street");
    expect(text).toContain("United Kingdom");
    expect(text).toContain(owner.tenant.name);
    expect(text).toContain("PAID");
    expect(text).toContain("$29.00");
    const doc = await PDFDocument.load(bytes);
    expect(doc.getTitle()).toBe(`Invoice ${number}`);
  });

  it("redirects to the provider's PDF when the provider hosts one", async () => {
    const owner = await tenantWithOwner(t.db);
    current.user = owner.user;
    const at = new Date("2026-03-01T00:00:00Z");
    const stripeInvoice = await t.db.invoice.create({
      data: {
        tenantId: owner.tenant.id,
        provider: "STRIPE",
        providerId: uniq("in"),
        number: "STRIPE-0001",
        status: "PAID",
        currency: "usd",
        subtotal: 2_900,
        total: 2_900,
        lines: [],
        pdfUrl: "https://pay.stripe.com/invoice/acct_1/test_1/pdf",
        providerCreatedAt: at,
        providerUpdatedAt: at,
      },
    });
    const { response } = await getPdf(owner.tenant.slug, stripeInvoice.id);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("https://pay.stripe.com/invoice/acct_1/test_1/pdf");
  });
});

describe("the trial a workspace is in", () => {
  it("is Tessera's own until checkout, then the subscription's, for the workspace and the operator alike", async () => {
    const { workspaceTrial, subscriptionTrialFor } = await import("@/lib/billing/portal");
    const { operatorFromUser } = await import("@/lib/http/operator");
    const operator = operatorFromUser({ id: "op", email: "op@example.test", name: "Op", isPlatformAdmin: true });
    const endsAt = new Date(Date.now() + 10 * 86_400_000);
    const created = await tenantWithOwner(t.db);
    const tenant = await t.db.tenant.update({
      where: { id: created.tenant.id },
      data: { trialTier: "PROFESSIONAL", trialEndsAt: endsAt },
    });
    const owner = buildTenantContext(created.user, tenant, "OWNER");
    expect(await workspaceTrial(owner)).toEqual({ tier: "PROFESSIONAL", endsAt, subscribed: false });
    expect(await subscriptionTrialFor(operator, tenant.id)).toBeNull();

    await subscribe(owner);
    // Checkout ended Tessera's trial and carried its remaining days over to the subscription.
    const after = await t.db.tenant.findUniqueOrThrow({ where: { id: tenant.id } });
    const ctx = buildTenantContext(created.user, after, "OWNER");
    const trial = await workspaceTrial(ctx);
    expect(trial).toMatchObject({ tier: "STARTER", subscribed: true });
    expect(Math.abs((trial?.endsAt.getTime() ?? 0) - endsAt.getTime())).toBeLessThan(60_000);
    expect(await subscriptionTrialFor(operator, tenant.id)).toEqual({ tier: "STARTER", endsAt: trial?.endsAt });
    // Not without an operator.
    await expect(subscriptionTrialFor({ id: "x" } as never, tenant.id)).rejects.toThrow();
  });
});
