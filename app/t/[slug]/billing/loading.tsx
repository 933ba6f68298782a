import { PageSkeleton, Skeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading billing…" titleClassName="w-32" descriptionClassName="w-96">
      <Skeleton className="h-52" />
      <Skeleton className="h-64" />
      <Skeleton className="h-32" />
      <TableSkeleton rows={3} />
      <Skeleton className="h-72" />
    </PageSkeleton>
  );
}
