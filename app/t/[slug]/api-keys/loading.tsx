import { PageSkeleton, Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading API keys…" titleClassName="w-40" descriptionClassName="w-96">
      <div className="grid gap-3">
        <Skeleton className="h-9 w-64" />
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} className="h-11" />
        ))}
      </div>
    </PageSkeleton>
  );
}
