import { PageSkeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading API keys…" titleClassName="w-40" descriptionClassName="w-96">
      <TableSkeleton />
    </PageSkeleton>
  );
}
