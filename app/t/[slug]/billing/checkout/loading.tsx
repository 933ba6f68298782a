import { PageSkeleton, Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading checkout…" titleClassName="w-36" descriptionClassName="w-80">
      <div className="grid gap-6 lg:grid-cols-[22rem_1fr]">
        <Skeleton className="h-64" />
        <Skeleton className="h-96" />
      </div>
    </PageSkeleton>
  );
}
