import { AccountHeader } from "@/components/auth/account-frame";
import { AuthLayout } from "@/components/auth/auth-layout";
import { getCurrentUser } from "@/lib/http/session";

export default async function VerifyEmailLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  return <AuthLayout header={user ? <AccountHeader user={user} /> : undefined}>{children}</AuthLayout>;
}
