import type { Metadata } from "next";

import { AuthCard } from "@/components/auth/auth-card";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { authPageUrl } from "@/lib/auth/callback-url";

import { first, readAuthSearchParams, type SearchParams } from "../search-params";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

/** Auth.js sends OAuth failures here as ?error=<type>. */
const ERROR_MESSAGES: Record<string, string> = {
  OAuthAccountNotLinked:
    "That email already has an account with another sign-in method. Sign in with your password instead.",
  AccessDenied: "Access was denied. Try again or use another sign-in method.",
  AccountNotLinked:
    "Verify your email address (from your account page) before linking GitHub or Google to your account.",
  Configuration: "That sign-in method is not available right now.",
  Verification: "That sign-in link has expired. Request a new one.",
};

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const { params, callbackUrl, email } = await readAuthSearchParams(searchParams);
  const error = first(params.error);
  const errorMessage = error ? (ERROR_MESSAGES[error] ?? "Sign-in failed. Try again.") : null;
  const created = first(params.created) === "1";
  const signedOutEverywhere = first(params.signedOut) === "all";

  return (
    <AuthCard
      title="Sign in to Tessera"
      description="Welcome back. Sign in to reach your workspaces."
      callbackUrl={callbackUrl}
      notices={
        <>
          {created && (
            <Alert variant="success">
              <AlertDescription>Your account was created. Sign in to continue.</AlertDescription>
            </Alert>
          )}
          {signedOutEverywhere && (
            <Alert variant="success">
              <AlertDescription>You were signed out of all sessions, on every device.</AlertDescription>
            </Alert>
          )}
          {errorMessage && (
            <Alert variant="destructive">
              <AlertDescription>{errorMessage}</AlertDescription>
            </Alert>
          )}
        </>
      }
      footer={{
        prompt: "New to Tessera?",
        href: authPageUrl("/sign-up", { callbackUrl, email }),
        label: "Create an account",
      }}
    >
      <SignInForm callbackUrl={callbackUrl} defaultEmail={email} />
    </AuthCard>
  );
}
