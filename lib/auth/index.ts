// Auth.js (next-auth v5): email + password always, GitHub and Google when configured.
// Sessions are JWTs (required for Credentials); users and OAuth accounts live in PostgreSQL
// through the Prisma adapter.
import "server-only";

import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { decode as decodeJwt } from "next-auth/jwt";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";

import { getDb } from "../db/client";
import { clientAddress } from "../net/client-address";
import { logger } from "../observability/logger";
import { env, oauthProviders } from "../env";
import { authenticateWithPassword, signInSchema } from "./credentials";
import { noteProviderVerifiedEmail, withLinkingPolicy } from "./oauth-linking";
import { authSecret } from "./secret";
import { currentSessionVersion, SESSION_MAX_AGE_SECONDS, verifySessionClaims } from "./sessions";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}
class RateLimited extends CredentialsSignin {
  code = "rate_limited";
}

async function config(): Promise<NextAuthConfig> {
  const db = await getDb();
  return {
    // A new adapter per request (config() runs per request): it remembers users created in it.
    adapter: withLinkingPolicy(PrismaAdapter(db as never)),
    secret: authSecret(),
    trustHost: true,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: {
      // Every read of a session cookie by Auth.js (auth(), /api/auth/session, linking an OAuth
      // account to the signed-in user) goes through here: a token whose session version is not
      // the user's current one, or older than the absolute lifetime, is no session at all.
      async decode(params) {
        const payload = await decodeJwt(params);
        if (!payload) return null;
        try {
          return (await verifySessionClaims(payload)) ? payload : null;
        } catch (error) {
          // The database is unreachable. Everything that acts on a session reads the database
          // again (lib/http/session.ts, the adapter) and fails there; clearing the cookie here
          // would sign everyone out over a blip.
          logger.error("session check failed", { error });
          return payload;
        }
      },
    },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    logger: {
      // A wrong password is an expected outcome (throttled and answered in the form), not an error.
      error: (error) => {
        const type = (error as { type?: string }).type ?? "unknown";
        if (type === "CredentialsSignin") return;
        // A session cookie that is no longer a session (ended, expired, tampered): expected.
        if (type === "JWTSessionError") return logger.debug("session cookie refused", { type });
        logger.error("auth error", { type, message: error.message });
      },
      warn: () => {},
      debug: () => {},
    },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(credentials, request) {
          const parsed = signInSchema.safeParse(credentials);
          if (!parsed.success) throw new InvalidCredentials();
          const result = await authenticateWithPassword(
            parsed.data.email,
            parsed.data.password,
            // The request's own headers: X-Forwarded-For counts only through TRUSTED_PROXY_COUNT.
            clientAddress(request.headers),
          );
          if (!result.ok) throw result.reason === "rate_limited" ? new RateLimited() : new InvalidCredentials();
          return result.user;
        },
      }),
      ...(oauthProviders.github
        ? [
            GitHub({
              clientId: env.AUTH_GITHUB_ID,
              clientSecret: env.AUTH_GITHUB_SECRET,
              allowDangerousEmailAccountLinking: false,
            }),
          ]
        : []),
      ...(oauthProviders.google
        ? [Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET })]
        : []),
    ],
    callbacks: {
      // The claims of lib/auth/sessions.ts are set once, at sign-in. A session update
      // (POST /api/auth/session, which any holder of the cookie and a CSRF token can send)
      // changes none of them: it cannot outlive a password change or "sign out of all sessions".
      async jwt({ token, user, account, profile }) {
        if (user?.id) {
          // Signed in with Google: its verified claim for the same address verifies ours.
          await noteProviderVerifiedEmail(user, account, profile);
          const version = await currentSessionVersion(user.id);
          if (version === null) return null;
          token.uid = user.id;
          token.sv = version;
          token.authAt = Date.now();
        }
        return token;
      },
      session({ session, token }) {
        if (typeof token.uid === "string") session.user.id = token.uid;
        session.authAt = typeof token.authAt === "number" ? token.authAt : 0;
        session.sessionVersion = typeof token.sv === "number" ? token.sv : -1;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(config);

declare module "next-auth" {
  interface Session {
    /** Epoch milliseconds at which the user signed in (never moved by a session update). */
    authAt: number;
    /** The user's session version this session was issued under (lib/auth/sessions.ts). */
    sessionVersion: number;
  }
}
