// A billing status (invoice, order, payout, webhook event…) as a coloured badge, from one table of
// labels and one of badge variants per status; and the same labels as filter options.
import { Badge, type BadgeProps } from "@/components/ui/badge";
import type { InvoiceStatus, OrderStatus } from "@/lib/db/generated/enums";

import {
  INVOICE_STATUS_LABELS,
  INVOICE_STATUS_VARIANT,
  ORDER_STATUS_LABELS,
  ORDER_STATUS_VARIANT,
} from "./billing-format";

export type StatusVariant = NonNullable<BadgeProps["variant"]>;

export function StatusBadge<S extends string>({
  status,
  labels,
  variants,
}: {
  status: S;
  labels: Record<S, string>;
  variants: Record<S, StatusVariant>;
}) {
  return <Badge variant={variants[status]}>{labels[status]}</Badge>;
}

/** Filter options from a label table, in `order` (default: the table's own order). */
export function statusOptions<S extends string>(labels: Record<S, string>, order?: readonly S[]) {
  return (order ?? (Object.keys(labels) as S[])).map((value) => ({ value, label: labels[value] }));
}

export function InvoiceStatusBadge({ status }: { status: InvoiceStatus }) {
  return <StatusBadge status={status} labels={INVOICE_STATUS_LABELS} variants={INVOICE_STATUS_VARIANT} />;
}

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return <StatusBadge status={status} labels={ORDER_STATUS_LABELS} variants={ORDER_STATUS_VARIANT} />;
}
