// One earlier version of an article (knowledge:read); restoring it (knowledge:write) saves its
// content as the newest version.
import type { Metadata } from "next";

import { Markdown } from "@/components/knowledge/markdown";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { Time } from "@/components/workspace/time";
import { notFoundOnMissing } from "@/lib/http/pages";
import { requireTenantPage } from "@/lib/http/tenant";
import { getArticle, getVersion } from "@/lib/knowledge/articles";
import { MAX_VERSION } from "@/lib/knowledge/schemas";
import { can } from "@/lib/tenancy/permissions";

import { restoreVersionAction } from "../../../actions";

export const metadata: Metadata = { title: "Article version" };

export default async function ArticleVersionPage({
  params,
}: {
  params: Promise<{ slug: string; id: string; version: string }>;
}) {
  const { slug, id, version } = await params;
  const ctx = await requireTenantPage(slug, "knowledge:read");
  const number = Number.parseInt(version, 10);
  const [article, old] = await Promise.all([
    notFoundOnMissing(getArticle(ctx, id)),
    notFoundOnMissing(getVersion(ctx, id, number >= 1 && number <= MAX_VERSION ? number : 0)),
  ]);
  const base = `/t/${ctx.tenant.slug}/knowledge`;
  const canWrite = can(ctx.role, "knowledge:write") && ctx.tenant.status !== "SUSPENDED";
  const restore = restoreVersionAction.bind(null, ctx.tenant.slug);
  const current = old.version === article.version;

  return (
    <>
      <PageHeader
        eyebrow={<a href={`${base}/${article.id}`}>{article.title}</a>}
        title={`Version ${old.version}: ${old.title}`}
        description={
          <>
            Saved <Time value={old.createdAt} />
            {old.savedBy ? ` by ${old.savedBy}` : ""}. {old.published ? "Published" : "Draft"}
            {old.tags.length ? `; tags ${old.tags.join(", ")}` : ""}.
          </>
        }
        actions={
          canWrite && !current ? (
            <form
              action={async (form) => {
                "use server";
                await restore({ status: "idle" }, form);
              }}
            >
              <input type="hidden" name="id" value={article.id} />
              <input type="hidden" name="version" value={old.version} />
              <SubmitButton pendingLabel="Restoring…">Restore this version</SubmitButton>
            </form>
          ) : undefined
        }
      />
      {current && (
        <Alert className="mb-4">
          <AlertDescription>This is the current version.</AlertDescription>
        </Alert>
      )}
      <Card>
        <CardContent className="pt-6">
          <Markdown text={old.body} />
        </CardContent>
      </Card>
    </>
  );
}
