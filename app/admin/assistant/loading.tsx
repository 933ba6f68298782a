import { PageSkeleton, Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading the assistant…" titleClassName="w-40" descriptionClassName="w-96">
      <Skeleton className="h-9" />
      <Skeleton className="h-48" />
      <Skeleton className="h-24" />
    </PageSkeleton>
  );
}
