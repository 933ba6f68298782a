import type { z } from "zod";

import type { DashboardView } from "../../analytics/dashboards";
import { isoDateTime } from "@/lib/iso";
import type { dashboardResource } from "./analytics";

export function toDashboardResource(d: DashboardView): z.infer<typeof dashboardResource> {
  return {
    id: d.id,
    name: d.name,
    sharing: d.sharing,
    spec: d.spec,
    can_edit: d.canEdit,
    created_at: isoDateTime(d.createdAt),
    updated_at: isoDateTime(d.updatedAt),
  };
}
