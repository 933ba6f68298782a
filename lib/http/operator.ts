// The request boundary mints the platform operator (the type and its checks live in
// lib/tenancy/operator.ts, beside TenantContext): requireOperator() for pages and loaders,
// operatorAction, withOperatorRoute, and apiRoute for the platform audience call the two
// functions below, each of which checks the caller first (ESLint refuses their import anywhere
// else).
import "server-only";

import type { SessionUser } from "../tenancy/context";
import { mintOperator, type Operator, type SessionOperator } from "../tenancy/operator";
import { AppError } from "@/lib/errors";

export { assertOperator, isOperator, type Operator, type SessionOperator } from "../tenancy/operator";

/** The one check for a signed-in user: a platform operator, or 404 (the console is not advertised). */
export function operatorFromUser(user: SessionUser): SessionOperator {
  if (user.isPlatformAdmin !== true) throw AppError.notFound();
  const { id, email, name, isPlatformAdmin } = user;
  return mintOperator<SessionOperator>({ via: "session", id, email, name, isPlatformAdmin });
}

/** A platform API key on a platform route (apiRoute has checked that it is live and has the scope). */
export function operatorFromPlatformKey(key: { kind: string; tenant: unknown; start: string }): Operator {
  if (key.kind !== "PLATFORM" || key.tenant) throw AppError.forbidden("This endpoint needs a platform key.");
  return mintOperator<Operator>({ via: "platform_key", id: null, email: `platform-key:${key.start}` });
}
