import { BillingSkeleton } from "@/components/billing/billing-skeleton";

export default function Loading() {
  return <BillingSkeleton page="admin-invoices" />;
}
