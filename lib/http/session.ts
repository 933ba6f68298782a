// The signed-in user, resolved once per request from the Auth.js session and the database
// (so a deleted user, a revoked operator flag, a password change or "sign out of all sessions"
// takes effect immediately: lib/auth/sessions.ts).
import "server-only";

import { notFound, redirect } from "next/navigation";
import { cache } from "react";

import { auth } from "../auth";
import { sessionClaimsAreCurrent } from "../auth/sessions";
import { getDb } from "../db/client";
import type { SessionUser } from "../tenancy/context";
import { operatorFromUser, type SessionOperator } from "./operator";

export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, isPlatformAdmin: true, sessionVersion: true },
  });
  const claims = { uid: id, sv: session.sessionVersion, authAt: session.authAt };
  if (!user || !sessionClaimsAreCurrent(claims, user)) return null;
  const { sessionVersion: _version, ...current } = user;
  return current;
});

/** For pages: the user, or a redirect to sign-in that comes back here afterwards. */
export async function requireUser(returnTo?: string): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(returnTo ? `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}` : "/sign-in");
  return user;
}

/**
 * For operator pages, and every loader of theirs that reads data (the admin layout's check does
 * not protect them): the authorised operator, or 404 for everyone else (the console's existence
 * is not advertised); signed-out visitors are sent to sign in.
 */
export async function requireOperator(): Promise<SessionOperator> {
  const user = await requireUser("/admin");
  if (!user.isPlatformAdmin) notFound();
  return operatorFromUser(user);
}
