import type { TenantStatus } from "@/lib/db/generated/enums";

import { Badge } from "@/components/ui/badge";

/** A tenant's lifecycle state as operators see it: trialing is an active tenant with a running trial. */
export function TenantStatusBadge({ status, trialing }: { status: TenantStatus; trialing: boolean }) {
  if (status === "SUSPENDED") return <Badge variant="warning">Suspended</Badge>;
  if (status === "DELETED") return <Badge variant="destructive">Deleted</Badge>;
  if (trialing) return <Badge variant="info">Trialing</Badge>;
  return <Badge variant="success">Active</Badge>;
}
