import { PageSkeleton, Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading members…" titleClassName="w-40" descriptionClassName="w-72">
      <Skeleton className="h-40" />
      <div className="grid gap-3">
        <Skeleton className="h-9 w-64" />
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-11" />
        ))}
      </div>
    </PageSkeleton>
  );
}
