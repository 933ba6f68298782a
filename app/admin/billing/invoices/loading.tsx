import { PageSkeleton, Skeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading invoices…" titleClassName="w-40" descriptionClassName="w-[32rem]">
      <Skeleton className="h-9 w-full max-w-xl" />
      <TableSkeleton rows={8}>
        <div className="flex gap-2">
          <Skeleton className="h-9 w-40" />
          <Skeleton className="h-9 w-40" />
          <Skeleton className="h-9 w-40" />
        </div>
      </TableSkeleton>
    </PageSkeleton>
  );
}
