import { PageSkeleton, TableSkeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <PageSkeleton label="Loading the knowledge base…" titleClassName="w-48" descriptionClassName="w-96">
      <TableSkeleton />
    </PageSkeleton>
  );
}
