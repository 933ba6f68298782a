import type { Metadata } from "next";

import { WorkspaceForbidden } from "./_components/workspace-forbidden";

export const metadata: Metadata = { title: "Access denied" };

/** A workspace page the caller's role may not see: the 403 inside the workspace's navigation. */
export default function Forbidden() {
  return <WorkspaceForbidden />;
}
