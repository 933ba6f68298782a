// Auth.js (next-auth v5): email + password always, GitHub and Google when configured.
// Sessions are JWTs (required for Credentials); users and OAuth accounts live in PostgreSQL
// through the Prisma adapter.
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";

import { getDb } from "../db/client";
import { logger } from "../observability/logger";
import { env, oauthProviders } from "../env";
import { authenticateWithPassword, signInSchema } from "./credentials";
import { authSecret } from "./secret";

class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}
class RateLimited extends CredentialsSignin {
  code = "rate_limited";
}

function clientAddress(request: Request | undefined): string {
  const forwarded = request?.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request?.headers.get("x-real-ip") || "local";
}

async function config(): Promise<NextAuthConfig> {
  const db = await getDb();
  return {
    adapter: PrismaAdapter(db as never),
    secret: authSecret(),
    trustHost: true,
    session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    logger: {
      // A wrong password is an expected outcome (throttled and answered in the form), not an error.
      error: (error) => {
        const type = (error as { type?: string }).type ?? "unknown";
        if (type === "CredentialsSignin") return;
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
            clientAddress(request),
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
      // authAt: when this session was (re-)issued; lib/http/session.ts refuses sessions issued
      // before the user's last password change.
      jwt({ token, user, trigger }) {
        if (user?.id) token.uid = user.id;
        if (user?.id || trigger === "update") token.authAt = Date.now();
        return token;
      },
      session({ session, token }) {
        if (typeof token.uid === "string") session.user.id = token.uid;
        session.authAt = typeof token.authAt === "number" ? token.authAt : 0;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut, unstable_update: refreshSession } = NextAuth(config);

declare module "next-auth" {
  interface Session {
    /** Epoch milliseconds at which this session was issued or last refreshed. */
    authAt: number;
  }
}
