import { PageSkeleton, Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading platform API keys…" titleClassName="w-56" descriptionClassName="w-96">
      <div className="grid gap-3">
        <Skeleton className="ml-auto h-9 w-32" />
        <Skeleton className="h-9 w-64" />
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-11" />
        ))}
      </div>
    </PageSkeleton>
  );
}
