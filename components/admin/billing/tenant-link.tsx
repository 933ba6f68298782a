// Links from the operator's billing pages to a tenant's admin page.
import Link from "next/link";

import { Dash } from "@/components/billing/table-columns";
import { cn } from "@/components/ui/cn";

/** The look of a link in a table cell or a fact list. */
export const CELL_LINK_CLASS =
  "rounded-sm font-medium text-foreground underline-offset-4 hover:underline focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none";

export function TenantLink({
  tenantId,
  children,
  className,
}: {
  tenantId: string;
  children: React.ReactNode;
  className?: string;
}) {
  return (
    <Link href={`/admin/tenants/${tenantId}`} className={cn(CELL_LINK_CLASS, className)}>
      {children}
    </Link>
  );
}

/** A row's tenant, when it has one: its name (or id) as a link, else a dash. */
export function TenantCell({
  tenantId,
  tenantName,
  missing = "None",
}: {
  tenantId: string | null;
  tenantName: string | null;
  /** What a missing tenant means, for screen readers. */
  missing?: string;
}) {
  return tenantId ? <TenantLink tenantId={tenantId}>{tenantName ?? tenantId}</TenantLink> : <Dash label={missing} />;
}
