import { PageSkeleton, Skeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading payouts…" titleClassName="w-40" descriptionClassName="w-[30rem]">
      <Skeleton className="h-9 w-full max-w-xl" />
      <Skeleton className="h-72" />
      <div className="grid gap-3 sm:grid-cols-2">
        <Skeleton className="h-32" />
        <Skeleton className="h-32" />
      </div>
      <TableSkeleton rows={6} />
    </PageSkeleton>
  );
}
