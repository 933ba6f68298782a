import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { DEFAULT_AFTER_SIGN_IN, authPageUrl, safeCallbackUrl } from "@/lib/auth/callback-url";
import { getCurrentUser } from "@/lib/http/session";

import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

/** Auth.js sends OAuth failures here as ?error=<type>. */
const ERROR_MESSAGES: Record<string, string> = {
  OAuthAccountNotLinked:
    "That email already has an account with another sign-in method. Sign in with your password instead.",
  AccessDenied: "Access was denied. Try again or use another sign-in method.",
  Configuration: "That sign-in method is not available right now.",
  Verification: "That sign-in link has expired. Request a new one.",
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const rawCallback = first(params.callbackUrl);
  const callbackUrl = rawCallback ? safeCallbackUrl(rawCallback, "") || null : null;
  if (await getCurrentUser()) redirect(callbackUrl ?? DEFAULT_AFTER_SIGN_IN);

  const email = first(params.email)?.slice(0, 320) ?? "";
  const error = first(params.error);
  const errorMessage = error ? (ERROR_MESSAGES[error] ?? "Sign-in failed. Try again.") : null;
  const created = first(params.created) === "1";

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          Sign in to Tessera
        </CardTitle>
        <CardDescription>Welcome back. Sign in to reach your workspaces.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        {created && (
          <Alert variant="success">
            <AlertDescription>Your account was created. Sign in to continue.</AlertDescription>
          </Alert>
        )}
        {errorMessage && (
          <Alert variant="destructive">
            <AlertDescription>{errorMessage}</AlertDescription>
          </Alert>
        )}
        <OAuthButtons callbackUrl={callbackUrl} />
        <SignInForm callbackUrl={callbackUrl} defaultEmail={email} />
      </CardContent>
      <CardFooter className="justify-center text-sm text-muted-foreground">
        <p>
          New to Tessera?{" "}
          <Link
            href={authPageUrl("/sign-up", { callbackUrl, email })}
            className="font-medium text-primary underline underline-offset-4"
          >
            Create an account
          </Link>
        </p>
      </CardFooter>
    </Card>
  );
}
