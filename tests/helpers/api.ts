// Calling v1 route handlers in-process, as Next.js would: a Request plus the dynamic params.
import { createTenant } from "@/lib/tenancy/tenants";
import { buildTenantContext, type TenantContext } from "@/lib/tenancy/context";
import type { Tier } from "@/lib/db/generated/enums";
import type { PrismaClient } from "@/lib/db/generated/client";

import { uniq } from "./db";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

export interface CallOptions {
  key?: string;
  body?: unknown;
  params?: Record<string, string>;
  headers?: Record<string, string>;
}

export async function call(handler: Handler, method: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key) headers.authorization = `Bearer ${options.key}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await handler(
    new Request(`http://localhost${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    }),
    { params: Promise.resolve(options.params ?? {}) },
  );
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}

/** A fresh tenant with an OWNER, and that owner's TenantContext. */
export async function tenantWithOwner(db: PrismaClient, tier: Tier = "FREE"): Promise<TenantContext> {
  const slug = uniq("api").toLowerCase().slice(0, 40);
  const user = await db.user.create({ data: { email: `${slug}@example.test`, name: "Owner" } });
  const tenant = await createTenant(
    { name: `API ${slug}`, slug },
    { id: user.id, email: user.email },
    { trialTier: null, tier },
  );
  return buildTenantContext(
    { id: user.id, email: user.email, name: user.name, isPlatformAdmin: false },
    tenant,
    "OWNER",
  );
}
