import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { AccountFrame } from "@/components/auth/account-frame";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getAccountProfile } from "@/lib/auth/accounts";
import { emailDelivery } from "@/lib/email/send";
import { requireUser } from "@/lib/http/session";

import { ChangePasswordForm } from "./change-password-form";
import { ResendVerificationForm } from "./resend-verification-form";
import { SignOutEverywhereButton } from "./sign-out-everywhere-button";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";

export const metadata: Metadata = { title: "Account" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });

export default async function AccountPage({
  searchParams,
}: {
  searchParams: Promise<{ password?: string; verified?: string }>;
}) {
  const user = await requireUser("/account");
  const query = await searchParams;
  const passwordChanged = query.password === "changed";
  const justVerified = query.verified === "1";
  const profile = await getAccountProfile(user.id);
  if (!profile) redirect("/sign-in"); // deleted since requireUser looked

  return (
    <AccountFrame user={user} width="narrow">
      <PageHeader title="Account" description="Your profile and sign-in settings." actions={<SignOutButton />} />
      <div className="grid gap-6">
        <Card>
          <CardHeader>
            <CardTitle>Profile</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid gap-4 text-sm sm:grid-cols-[10rem_1fr]">
              <dt className="text-muted-foreground">Name</dt>
              <dd className="font-medium">{profile.name || "—"}</dd>
              <dt className="text-muted-foreground">Email</dt>
              <dd className="flex flex-wrap items-center gap-2">
                <span className="font-medium break-all">{profile.email}</span>
                {profile.emailVerified ? (
                  <Badge variant="success">Verified</Badge>
                ) : (
                  <Badge variant="warning">Unverified</Badge>
                )}
              </dd>
              <dt className="text-muted-foreground">Member since</dt>
              <dd>
                <time dateTime={profile.createdAt.toISOString()}>{dateFormat.format(profile.createdAt)}</time>
              </dd>
              {user.isPlatformAdmin && (
                <>
                  <dt className="text-muted-foreground">Access</dt>
                  <dd>
                    <Badge variant="info">Platform operator</Badge>
                  </dd>
                </>
              )}
            </dl>
          </CardContent>
        </Card>

        {justVerified && profile.emailVerified && (
          <Alert variant="success">
            <AlertDescription>Your email address is verified.</AlertDescription>
          </Alert>
        )}
        {!profile.emailVerified && (
          <Card>
            <CardHeader>
              <CardTitle>Verify your email address</CardTitle>
              <CardDescription>
                {emailDelivery() === "none"
                  ? `This server cannot send email yet, so ${profile.email} cannot be verified for now.`
                  : `Open the link we sent to ${profile.email} (signed in as this account) and confirm.`}{" "}
                Until then an operator cannot hand you a workspace by this address directly (you get an invitation
                instead), and GitHub or Google cannot be linked to this account. Everything else works as usual.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <ResendVerificationForm />
            </CardContent>
          </Card>
        )}

        <Card>
          <CardHeader>
            <CardTitle>Password</CardTitle>
            <CardDescription>
              {profile.hasPassword
                ? `Choose a new password of at least ${PASSWORD_MIN_LENGTH} characters.`
                : "You sign in with GitHub or Google, so this account has no password."}
            </CardDescription>
          </CardHeader>
          {profile.hasPassword && (
            <CardContent>
              {passwordChanged && (
                <Alert variant="success" className="mb-4">
                  <AlertDescription>Your password was changed. Other sessions were signed out.</AlertDescription>
                </Alert>
              )}
              <ChangePasswordForm email={profile.email} />
            </CardContent>
          )}
        </Card>

        <Card>
          <CardHeader>
            <CardTitle>Sessions</CardTitle>
            <CardDescription>
              Signed in on a device you no longer use, or think someone else is? End every session of your account at
              once. Changing your password does the same for every session but this one.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <SignOutEverywhereButton />
          </CardContent>
        </Card>
      </div>
    </AccountFrame>
  );
}
