import { PageSkeleton, Skeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading platform API keys…" titleClassName="w-56" descriptionClassName="w-96">
      <TableSkeleton rows={4}>
        <Skeleton className="ml-auto h-9 w-32" />
      </TableSkeleton>
    </PageSkeleton>
  );
}
