import { PageSkeleton, Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading the audit log…" titleClassName="w-40" descriptionClassName="w-80" className="gap-4">
      <Skeleton className="h-9 w-72" />
      {Array.from({ length: 8 }, (_, i) => (
        <Skeleton key={i} className="h-12" />
      ))}
    </PageSkeleton>
  );
}
