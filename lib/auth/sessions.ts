// How sessions end. A session is an encrypted JWT in a cookie (Auth.js, ./index.ts) carrying
//   uid     the user's id,
//   sv      the user's session version when it was issued (users.sessionVersion),
//   authAt  when the user authenticated (sign-in), never moved afterwards.
// A token is a session only while `sv` equals the user's current version and `authAt` is less
// than SESSION_MAX_AGE_SECONDS old. Changing the password and "sign out of all sessions" bump
// the version, so every token issued before stops working on every server at once; nothing a
// client can send (a session update included) moves `sv` or `authAt`.
import "server-only";

import { getDb } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { logger } from "../observability/logger";

/** Absolute lifetime of a session, counted from sign-in, however active it stays. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** What a decoded session token may carry (its other claims are Auth.js's own). */
export type SessionClaims = { uid?: unknown; sv?: unknown; authAt?: unknown } & Record<string, unknown>;

/** The claims are a live session of `user` (its row as stored now; null when it no longer exists). */
export function sessionClaimsAreCurrent(
  claims: SessionClaims,
  user: { id: string; sessionVersion: number } | null,
  now = Date.now(),
): boolean {
  if (!user || claims.uid !== user.id) return false;
  if (typeof claims.sv !== "number" || claims.sv !== user.sessionVersion) return false;
  if (typeof claims.authAt !== "number" || claims.authAt > now + 60_000) return false;
  return now - claims.authAt < SESSION_MAX_AGE_SECONDS * 1000;
}

/** The session version a new token for this user is issued under (null: no such user). */
export async function currentSessionVersion(userId: string): Promise<number | null> {
  const db = await getDb();
  const row = await db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return row?.sessionVersion ?? null;
}

/** Loads the user the claims name and checks them (one primary-key read). */
export async function verifySessionClaims(claims: SessionClaims, now = Date.now()): Promise<boolean> {
  if (typeof claims.uid !== "string") return false;
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: claims.uid }, select: { id: true, sessionVersion: true } });
  return sessionClaimsAreCurrent(claims, user, now);
}

/** The update that ends every session of a user (merge it into a user update). */
export const endSessionsUpdate = { sessionVersion: { increment: 1 } } satisfies Prisma.UserUpdateInput;

/** "Sign out of all sessions": every token of this user issued so far stops working. */
export async function endAllSessions(userId: string): Promise<void> {
  const db = await getDb();
  await db.user.update({ where: { id: userId }, data: endSessionsUpdate, select: { id: true } });
  logger.info("all sessions ended", { userId });
}
