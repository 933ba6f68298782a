// Checks "audit:read" here, outside this segment's loading.tsx Suspense boundary, so a role without
// it gets a real 403 status (forbidden() inside a streamed page would answer 200).
import { requireTenantPage } from "@/lib/http/tenant";

export default async function Layout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  await requireTenantPage(slug, "audit:read");
  return children;
}
