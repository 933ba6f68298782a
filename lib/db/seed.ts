// Demo data that tells a story: one workspace per tier with members, a trial in progress, a
// lapsed trial, a suspended tenant, months of audit history, and API keys with
// months of usage (lib/db/seed-usage.ts). Runs on first embedded boot
// and with `npm run db:seed` (idempotent). Every demo user's password is DEMO_PASSWORD.
import "server-only";

import { hashPassword } from "../auth/password";
import { logger } from "../observability/logger";
import type { Role, Tier } from "./generated/enums";
import type { PrismaClient } from "./generated/client";
import { newVerificationToken } from "../tenancy/domains";
import { TIER_DEFINITIONS } from "../tenancy/tiers";
import { seedAnalytics } from "./seed-analytics";
import { seedBilling } from "./seed-billing";
import { seedAssistants } from "./seed-assistants";
import { seedApiHistory } from "./seed-usage";
import { at, before, first } from "@/lib/indexed";
import { DAY_MS } from "@/lib/calendar";

export const DEMO_PASSWORD = "tessera-demo-password";

interface DemoTenant {
  name: string;
  slug: string;
  tier: Tier;
  trialTier?: Tier;
  trialEndsInDays?: number;
  ageDays: number;
  status?: "ACTIVE" | "SUSPENDED";
  branding?: { brandLogoUrl: string | null; brandPrimaryColor: string; customDomain: string };
  members: [string, string, Role][];
}

export const DEMO_TENANTS: DemoTenant[] = [
  {
    name: "Acme Bakery",
    slug: "acme",
    tier: "FREE",
    ageDays: 200,
    members: [
      ["olivia@acme.test", "Olivia Owner", "OWNER"],
      ["max@acme.test", "Max Member", "MEMBER"],
      ["vera@acme.test", "Vera Viewer", "VIEWER"],
    ],
  },
  {
    name: "Bluebird Studio",
    slug: "bluebird",
    tier: "STARTER",
    ageDays: 150,
    members: [
      ["ben@bluebird.test", "Ben Blue", "OWNER"],
      ["bianca@bluebird.test", "Bianca Billing", "BILLING"],
      ["mia@bluebird.test", "Mia Member", "MEMBER"],
    ],
  },
  {
    name: "Cobalt Labs",
    slug: "cobalt",
    tier: "FREE",
    trialTier: "PROFESSIONAL",
    trialEndsInDays: 9,
    ageDays: 5,
    members: [
      ["carla@cobalt.test", "Carla Cobalt", "OWNER"],
      ["adam@cobalt.test", "Adam Admin", "ADMIN"],
    ],
  },
  {
    name: "Delta Logistics",
    slug: "delta",
    tier: "ENTERPRISE",
    ageDays: 400,
    members: [
      ["dana@delta.test", "Dana Delta", "OWNER"],
      ["dev@delta.test", "Dev Admin", "ADMIN"],
      ["bill@delta.test", "Bill Payer", "BILLING"],
      ["mo@delta.test", "Mo Member", "MEMBER"],
      ["val@delta.test", "Val Viewer", "VIEWER"],
    ],
  },
  {
    name: "Echo Health",
    slug: "echo",
    tier: "WHITE_LABEL",
    ageDays: 320,
    branding: { brandLogoUrl: null, brandPrimaryColor: "#0f766e", customDomain: "portal.echo-health.test" },
    members: [
      ["erin@echo.test", "Erin Echo", "OWNER"],
      ["eli@echo.test", "Eli Admin", "ADMIN"],
    ],
  },
  {
    name: "Foxtrot Media",
    slug: "foxtrot",
    tier: "FREE",
    trialTier: "PROFESSIONAL",
    trialEndsInDays: -3,
    ageDays: 17,
    members: [["finn@foxtrot.test", "Finn Fox", "OWNER"]],
  },
  {
    name: "Gamma Retail",
    slug: "gamma",
    tier: "STARTER",
    ageDays: 90,
    status: "SUSPENDED",
    members: [["gina@gamma.test", "Gina Gamma", "OWNER"]],
  },
];

const SEED_TRANSACTION = { maxWait: 30_000, timeout: 120_000 };

const HISTORY_ACTIONS = ["member.role_changed", "invitation.created", "tenant.updated", "invitation.accepted"];

export async function seed(db: PrismaClient, now = new Date()): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const demo of DEMO_TENANTS) {
    const createdAt = new Date(now.getTime() - demo.ageDays * DAY_MS);
    await db.$transaction(async (tx) => {
      const existed = (await tx.tenant.count({ where: { slug: demo.slug } })) > 0;
      const tenant = await tx.tenant.upsert({
        where: { slug: demo.slug },
        update: {},
        create: {
          name: demo.name,
          slug: demo.slug,
          tier: demo.tier,
          trialTier: demo.trialTier ?? null,
          trialEndsAt:
            demo.trialEndsInDays === undefined ? null : new Date(now.getTime() + demo.trialEndsInDays * DAY_MS),
          status: demo.status ?? "ACTIVE",
          suspendedReason: demo.status === "SUSPENDED" ? "Payment overdue (demo)" : null,
          createdAt,
          ...(demo.branding ?? {}),
          // The demo's domain counts as proven (a .test name has no DNS to prove it with).
          ...(demo.branding?.customDomain
            ? { customDomainVerifiedAt: createdAt, domainVerificationToken: newVerificationToken() }
            : {}),
        },
      });
      for (const [index, [email, name, role]] of demo.members.entries()) {
        const user = await tx.user.upsert({
          where: { email },
          update: {},
          create: { email, name, passwordHash, emailVerified: createdAt, createdAt },
        });
        const joinedAt = new Date(createdAt.getTime() + index * 3 * DAY_MS);
        await tx.membership.upsert({
          where: { tenantId_userId: { tenantId: tenant.id, userId: user.id } },
          update: {},
          create: { tenantId: tenant.id, userId: user.id, role, createdAt: joinedAt },
        });
      }
      if (existed) return; // re-seeding adds nothing twice
      const owner = first(demo.members, "demo member");
      const entries = [
        { action: "tenant.created", at: createdAt, after: { name: demo.name, slug: demo.slug } },
        ...demo.members.slice(1).map(([email, , role], index) => ({
          action: "invitation.accepted",
          at: new Date(createdAt.getTime() + (index + 1) * 3 * DAY_MS),
          after: { email, role },
        })),
        ...Array.from({ length: Math.min(12, Math.floor(demo.ageDays / 15)) }, (_, i) => ({
          action: at(HISTORY_ACTIONS, i % HISTORY_ACTIONS.length, "history action"),
          at: new Date(createdAt.getTime() + (i + 1) * 15 * DAY_MS),
          after: { note: "demo history" },
        })),
      ];
      await tx.auditLog.createMany({
        data: entries.map((e) => ({
          tenantId: tenant.id,
          actorEmail: owner[0],
          action: e.action,
          targetType: before(e.action, "."),
          after: e.after,
          createdAt: e.at,
        })),
      });
      const ownerUser = await tx.user.findUnique({ where: { email: owner[0] }, select: { id: true } });
      const quota =
        TIER_DEFINITIONS[demo.trialTier && (demo.trialEndsInDays ?? 0) > 0 ? demo.trialTier : demo.tier].limits;
      await seedApiHistory(tx, tenant, quota.apiCallsPerMonth, ownerUser?.id ?? null, now);
      // A seed is not a request: the interactive default (5 s) expired under a loaded 2-core machine.
    }, SEED_TRANSACTION);
  }
  await seedBilling(db, now);
  await seedAnalytics(db, now);
  await seedAssistants(
    db,
    DEMO_TENANTS.map((demo) => demo.slug),
    now,
  );
  logger.info("demo data seeded", { tenants: DEMO_TENANTS.length });
}

/** Seeds only a database that has no tenants yet (first boot). */
export async function seedIfEmpty(db: PrismaClient): Promise<boolean> {
  if ((await db.tenant.count()) > 0) return false;
  await seed(db);
  console.log(`  Demo workspaces seeded: sign in as olivia@acme.test (or any demo user) / ${DEMO_PASSWORD}\n`);
  return true;
}
