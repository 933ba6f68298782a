import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { DEFAULT_AFTER_SIGN_IN, authPageUrl, safeCallbackUrl } from "@/lib/auth/callback-url";
import { getCurrentUser } from "@/lib/http/session";

import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function SignUpPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const rawCallback = first(params.callbackUrl);
  const callbackUrl = rawCallback ? safeCallbackUrl(rawCallback, "") || null : null;
  if (await getCurrentUser()) redirect(callbackUrl ?? DEFAULT_AFTER_SIGN_IN);
  const email = first(params.email)?.slice(0, 320) ?? "";

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          Create your Tessera account
        </CardTitle>
        <CardDescription>
          {callbackUrl?.startsWith("/invite/")
            ? "Create an account to accept your invitation."
            : "Then set up your first workspace, with a 14-day trial of a paid plan."}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <OAuthButtons callbackUrl={callbackUrl} />
        <SignUpForm callbackUrl={callbackUrl} defaultEmail={email} />
      </CardContent>
      <CardFooter className="justify-center text-sm text-muted-foreground">
        <p>
          Already have an account?{" "}
          <Link
            href={authPageUrl("/sign-in", { callbackUrl, email })}
            className="font-medium text-primary underline underline-offset-4"
          >
            Sign in
          </Link>
        </p>
      </CardFooter>
    </Card>
  );
}
