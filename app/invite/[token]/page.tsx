// An invitation link. Access: the token is the capability (previewInvitation refuses unknown,
// expired and used tokens); the signed-in user (getCurrentUser) decides what is offered: accept,
// sign in first, or switch accounts. Accepting runs in its action, which checks both again.
import type { Metadata } from "next";
import Link from "next/link";

import { SignOutButton } from "@/components/auth/sign-out-button";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";
import { authPageUrl } from "@/lib/auth/callback-url";
import { getCurrentUser } from "@/lib/http/session";
import { previewInvitation, type InvitationPreview } from "@/lib/tenancy/invitations";
import { ROLE_LABELS } from "@/lib/tenancy/permissions";

import { AcceptInvitationForm } from "./accept-form";

export const metadata: Metadata = { title: "Invitation", robots: { index: false, follow: false } };

const UNAVAILABLE: Record<Exclude<InvitationPreview["status"], "valid">, { title: string; description: string }> = {
  invalid: {
    title: "This invitation link is not valid",
    description: "Check that you copied the whole link, or ask the person who invited you to send a new one.",
  },
  expired: {
    title: "This invitation has expired",
    description: "Invitations are valid for 7 days. Ask a workspace admin to send you a new one.",
  },
  used: {
    title: "This invitation is no longer available",
    description:
      "It has already been accepted or was revoked. If you already joined, open the workspace from your dashboard.",
  },
};

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [preview, user] = await Promise.all([previewInvitation(token), getCurrentUser()]);
  const invitePath = `/invite/${encodeURIComponent(token)}`;

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
        <CardFooter className="gap-2">
          <Button asChild>
            <Link href={user ? "/dashboard" : "/sign-in"}>{user ? "Go to your workspaces" : "Sign in"}</Link>
          </Button>
        </CardFooter>
      </Card>
    );
  }

  const wrongAccount = user && user.email.toLowerCase() !== preview.email.toLowerCase();

  return (
    <Card>
      <CardHeader>
        <CardDescription>You&apos;re invited to join</CardDescription>
        <CardTitle as="h1" className="text-2xl">
          {preview.tenantName}
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-6">
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          <dt className="text-muted-foreground">Role</dt>
          <dd>
            <Badge variant="secondary">{ROLE_LABELS[preview.role]}</Badge>
          </dd>
          <dt className="text-muted-foreground">Invited email</dt>
          <dd className="font-medium break-all">{preview.email}</dd>
          <dt className="text-muted-foreground">Expires</dt>
          <dd>
            <time dateTime={preview.expiresAt.toISOString()}>{dateFormat.format(preview.expiresAt)} UTC</time>
          </dd>
        </dl>

        {wrongAccount && (
          <Alert variant="warning">
            <AlertTitle>This invitation is for another account</AlertTitle>
            <AlertDescription>
              <p>
                You&apos;re signed in as <strong className="font-medium text-foreground">{user.email}</strong>, but the
                invitation was sent to <strong className="font-medium text-foreground">{preview.email}</strong>. Sign
                out and continue with that address to accept it.
              </p>
            </AlertDescription>
          </Alert>
        )}
      </CardContent>
      <CardFooter className="flex-col items-stretch gap-3">
        {!user && (
          <>
            <p className="text-sm text-muted-foreground">
              Sign in or create an account with <span className="font-medium text-foreground">{preview.email}</span> to
              accept.
            </p>
            <div className="grid gap-2 sm:grid-cols-2">
              <Button asChild>
                <Link href={authPageUrl("/sign-up", { callbackUrl: invitePath, email: preview.email })}>
                  Create account
                </Link>
              </Button>
              <Button asChild variant="outline">
                <Link href={authPageUrl("/sign-in", { callbackUrl: invitePath, email: preview.email })}>Sign in</Link>
              </Button>
            </div>
          </>
        )}
        {user && !wrongAccount && <AcceptInvitationForm token={token} tenantName={preview.tenantName} />}
        {wrongAccount && (
          <SignOutButton
            className="w-full"
            variant="default"
            redirectTo={authPageUrl("/sign-in", { callbackUrl: invitePath, email: preview.email })}
          >
            Sign out and switch account
          </SignOutButton>
        )}
      </CardFooter>
    </Card>
  );
}
