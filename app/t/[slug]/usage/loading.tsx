import { PageSkeleton, Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading usage…" titleClassName="w-32" descriptionClassName="w-96">
      <Skeleton className="h-48" />
      <Skeleton className="h-80" />
      <div className="grid gap-6 lg:grid-cols-2">
        {Array.from({ length: 2 }, (_, table) => (
          <div key={table} className="grid gap-3">
            <Skeleton className="h-6 w-40" />
            {Array.from({ length: 4 }, (_, i) => (
              <Skeleton key={i} className="h-11" />
            ))}
          </div>
        ))}
      </div>
    </PageSkeleton>
  );
}
