import { PageSkeleton, Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading webhook event…" titleClassName="w-64" descriptionClassName="w-80">
      <Skeleton className="h-9 w-full max-w-xl" />
      <Skeleton className="h-64" />
      <Skeleton className="h-28" />
      <Skeleton className="h-96" />
    </PageSkeleton>
  );
}
