import * as React from "react";
import Link from "next/link";

import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { Card, CardContent, CardDescription, CardFooter, CardHeader, CardTitle } from "@/components/ui/card";

/**
 * The sign-in / sign-up card: the page's heading, the OAuth buttons above the form (`children`,
 * after any notices), and a footer line linking to the other page.
 */
export function AuthCard({
  title,
  description,
  callbackUrl,
  notices,
  footer,
  children,
}: {
  title: string;
  description: React.ReactNode;
  callbackUrl: string | null;
  /** Alerts above the sign-in methods. */
  notices?: React.ReactNode;
  footer: { prompt: string; href: string; label: string };
  children: React.ReactNode;
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          {title}
        </CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        {notices}
        <OAuthButtons callbackUrl={callbackUrl} />
        {children}
      </CardContent>
      <CardFooter className="justify-center text-sm text-muted-foreground">
        <p>
          {footer.prompt}{" "}
          <Link href={footer.href} className="font-medium text-primary underline underline-offset-4">
            {footer.label}
          </Link>
        </p>
      </CardFooter>
    </Card>
  );
}
