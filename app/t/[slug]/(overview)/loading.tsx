import { PageSkeleton, Skeleton } from "@/components/ui/skeleton";

/** Overview skeleton (also shown while any workspace page first loads). */
export default function Loading() {
  return (
    <PageSkeleton label="Loading…" titleClassName="w-56" descriptionClassName="w-96">
      <div className="grid gap-6 lg:grid-cols-3">
        <Skeleton className="h-64 lg:col-span-2" />
        <Skeleton className="h-64" />
        <Skeleton className="h-56 lg:col-span-3" />
      </div>
    </PageSkeleton>
  );
}
