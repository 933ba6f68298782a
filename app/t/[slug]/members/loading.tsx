import { PageSkeleton, Skeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading members…" titleClassName="w-40" descriptionClassName="w-72">
      <Skeleton className="h-40" />
      <TableSkeleton />
    </PageSkeleton>
  );
}
