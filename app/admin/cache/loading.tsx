import { PageSkeleton, Skeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading the cache console…" titleClassName="w-40" descriptionClassName="w-96">
      <Skeleton className="h-48 w-full" />
      <TableSkeleton rows={6} />
    </PageSkeleton>
  );
}
