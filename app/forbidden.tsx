import type { Metadata } from "next";
import { StatusPage } from "@/components/layout/status-page";

export const metadata: Metadata = { title: "Access denied" };

export default function Forbidden() {
  return (
    <StatusPage
      code="403"
      title="You don't have access to this page"
      description="Your account doesn't have permission to view it. If you think it should, ask an owner or admin of the workspace."
    />
  );
}
