// When an OAuth account (GitHub, Google) may be linked to a user. Auth.js links in two cases: a
// new user signing in with a provider (the user is created in that same request), and a
// signed-in user signing in with a provider not linked yet (linked to the signed-in user; a
// session that is no longer current never gets here: ./index.ts refuses it at decode).
// Linking by matching email alone is off (allowDangerousEmailAccountLinking is false).
// The second case waits for a verified address: an account whose address nobody has proven to own
// gets no further ways in. Google's own `email_verified` claim counts as proof for the same
// address; GitHub's profile gives no such claim.
import "server-only";

import { AuthError } from "next-auth";
import type { Adapter, AdapterAccount } from "next-auth/adapters";
import type { Profile } from "next-auth";

import { getDb } from "../db/client";
import { logger } from "../observability/logger";

/** Sends the browser to /sign-in?error=AccountNotLinked (a type Auth.js shows to clients). */
export class LinkNeedsVerifiedEmail extends AuthError {
  static type = "AccountNotLinked" as const;
}

/** The adapter Auth.js uses for one request, with the linking rule above. */
export function withLinkingPolicy(adapter: Adapter): Adapter {
  const createdNow = new Set<string>();
  const { createUser, linkAccount } = adapter;
  if (!createUser || !linkAccount) throw new Error("the adapter must create users and link accounts");
  return {
    ...adapter,
    async createUser(user) {
      const created = await createUser(user);
      createdNow.add(created.id);
      return created;
    },
    async linkAccount(account: AdapterAccount) {
      if (!createdNow.has(account.userId)) {
        const db = await getDb();
        const user = await db.user.findUnique({ where: { id: account.userId }, select: { emailVerified: true } });
        if (!user?.emailVerified) {
          logger.warn("OAuth account not linked: email address unverified", {
            userId: account.userId,
            provider: account.provider,
          });
          throw new LinkNeedsVerifiedEmail("Verify your email address before linking a sign-in provider.");
        }
      }
      await linkAccount(account);
    },
  };
}

/** At an OAuth sign-in: Google's verified claim for the user's own address verifies it. */
export async function noteProviderVerifiedEmail(
  user: { id?: string; email?: string | null },
  account: { provider: string } | null | undefined,
  profile: Profile | undefined,
): Promise<void> {
  if (account?.provider !== "google" || profile?.email_verified !== true || !user.id || !user.email) return;
  if (typeof profile.email !== "string" || profile.email.toLowerCase() !== user.email.toLowerCase()) return;
  const db = await getDb();
  await db.user.updateMany({ where: { id: user.id, emailVerified: null }, data: { emailVerified: new Date() } });
}
