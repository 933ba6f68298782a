import { PageSkeleton, Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading dashboards…" titleClassName="w-40" descriptionClassName="w-96">
      <Skeleton className="h-24" />
      <Skeleton className="h-64" />
    </PageSkeleton>
  );
}
