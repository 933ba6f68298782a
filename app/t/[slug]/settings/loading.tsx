import { PageSkeleton, Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading settings…" titleClassName="w-36" descriptionClassName="w-72">
      <Skeleton className="h-44" />
      <Skeleton className="h-36" />
      <Skeleton className="h-64" />
    </PageSkeleton>
  );
}
