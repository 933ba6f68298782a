import type { Metadata } from "next";

import { AuthCard } from "@/components/auth/auth-card";
import { authPageUrl } from "@/lib/auth/callback-url";

import { readAuthSearchParams, type SearchParams } from "../search-params";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: { searchParams: SearchParams }) {
  const { callbackUrl, email } = await readAuthSearchParams(searchParams);

  return (
    <AuthCard
      title="Create your Tessera account"
      description={
        callbackUrl?.startsWith("/invite/")
          ? "Create an account to accept your invitation."
          : "Then set up your first workspace, with a 14-day trial of a paid plan."
      }
      callbackUrl={callbackUrl}
      footer={{
        prompt: "Already have an account?",
        href: authPageUrl("/sign-in", { callbackUrl, email }),
        label: "Sign in",
      }}
    >
      <SignUpForm callbackUrl={callbackUrl} defaultEmail={email} />
    </AuthCard>
  );
}
