// An email verification link. Access: the token is the capability (previewEmailVerification
// refuses unknown, expired and used tokens); only its own account, signed in (getCurrentUser), may
// confirm it, in the action, which checks both again.
import type { Metadata } from "next";
import Link from "next/link";

import { SignOutButton } from "@/components/auth/sign-out-button";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { authPageUrl } from "@/lib/auth/callback-url";
import { previewEmailVerification, type VerificationPreview } from "@/lib/auth/email-verification";
import { getCurrentUser } from "@/lib/http/session";

import { ConfirmEmailForm } from "./confirm-form";

export const metadata: Metadata = {
  title: "Verify your email address",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

const UNAVAILABLE: Record<Exclude<VerificationPreview["status"], "valid">, { title: string; description: string }> = {
  invalid: {
    title: "This link is not valid",
    description: "Check that you copied the whole link, or send a new one from your account page.",
  },
  expired: {
    title: "This link has expired",
    description: "Verification links work for 24 hours. Send a new one from your account page.",
  },
  used: {
    title: "This link is no longer valid",
    description: "It was already used, or a newer link replaced it. Use the newest link, or send one again.",
  },
  verified: {
    title: "This email address is already verified",
    description: "Nothing more to do.",
  },
};

/**
 * Opening the link changes nothing (mail scanners open links too): the person signs in as the
 * account the link was made for and confirms with a button.
 */
export default async function VerifyEmailPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [preview, user] = await Promise.all([previewEmailVerification(token), getCurrentUser()]);
  const path = `/verify-email/${encodeURIComponent(token)}`;

  if (preview.status !== "valid") {
    const copy = UNAVAILABLE[preview.status];
    return (
      <Card>
        <CardHeader>
          <CardTitle as="h1" className="text-xl">
            {copy.title}
          </CardTitle>
          <CardDescription>{copy.description}</CardDescription>
        </CardHeader>
        <CardFooter>
          <Button asChild>
            <Link href={user ? "/account" : "/sign-in"}>{user ? "Go to your account" : "Sign in"}</Link>
          </Button>
        </CardFooter>
      </Card>
    );
  }

  const wrongAccount = user && user.id !== preview.userId;

  return (
    <Card>
      <CardHeader>
        <CardDescription>Verify your email address</CardDescription>
        <CardTitle as="h1" className="text-2xl break-all">
          {preview.email}
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4 text-sm">
        <p className="text-muted-foreground">
          Confirm that this address belongs to your Tessera account. If you did not create an account with it, close
          this page: nothing changes without your confirmation.
        </p>
        {wrongAccount && (
          <Alert variant="warning">
            <AlertTitle>This link is for another account</AlertTitle>
            <AlertDescription>
              You&apos;re signed in as <strong className="font-medium text-foreground">{user.email}</strong>. Sign out
              and sign in as <strong className="font-medium text-foreground">{preview.email}</strong> to confirm it.
            </AlertDescription>
          </Alert>
        )}
      </CardContent>
      <CardFooter className="flex-col items-stretch gap-3">
        {!user && (
          <Button asChild>
            <Link href={authPageUrl("/sign-in", { callbackUrl: path, email: preview.email })}>Sign in to confirm</Link>
          </Button>
        )}
        {user && !wrongAccount && <ConfirmEmailForm token={token} />}
        {wrongAccount && (
          <SignOutButton
            className="w-full"
            variant="default"
            redirectTo={authPageUrl("/sign-in", { callbackUrl: path, email: preview.email })}
          >
            Sign out and switch account
          </SignOutButton>
        )}
      </CardFooter>
    </Card>
  );
}
