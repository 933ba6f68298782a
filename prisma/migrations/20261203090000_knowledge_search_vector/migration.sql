-- ─── Stored, weighted search vectors (hand-written) ──────────────────────────
-- Search used to compute to_tsvector over title and body for every candidate row, twice (the
-- match and ts_rank): 2 s at 10k articles on PGlite. Now each row keeps its weighted vector in
-- `search`: title A, tags B, text D (title against text as ts_rank weighed them before: 1.0 to
-- 0.1; tags are new to search). A GIN index on it serves the match, and ts_rank reads it instead
-- of parsing the text again. lib/knowledge/search.ts reads these columns; schema.prisma declares
-- them (Unsupported("tsvector")) and the indexes.
--
-- A trigger keeps the column, not a generated column: Prisma reads a generated column's
-- expression as a default it does not have, and every later `npm run db:migration` would try to
-- drop it. The trigger fires only when the title, text or tags change (not on progress updates).

ALTER TABLE "knowledge_articles" ADD COLUMN "search" tsvector;
ALTER TABLE "knowledge_documents" ADD COLUMN "search" tsvector;

CREATE FUNCTION "knowledge_articles_search_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."search" :=
    setweight(to_tsvector('english'::regconfig, coalesce(NEW."title", '')), 'A') ||
    setweight(to_tsvector('english'::regconfig, coalesce(array_to_string(NEW."tags", ' '), '')), 'B') ||
    setweight(to_tsvector('english'::regconfig, coalesce(NEW."body", '')), 'D');
  RETURN NEW;
END
$$;

CREATE FUNCTION "knowledge_documents_search_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."search" :=
    setweight(to_tsvector('english'::regconfig, coalesce(NEW."title", '')), 'A') ||
    setweight(to_tsvector('english'::regconfig, coalesce(array_to_string(NEW."tags", ' '), '')), 'B') ||
    setweight(to_tsvector('english'::regconfig, coalesce(NEW."text", '')), 'D');
  RETURN NEW;
END
$$;

CREATE TRIGGER "knowledge_articles_search" BEFORE INSERT OR UPDATE OF "title", "body", "tags"
  ON "knowledge_articles" FOR EACH ROW EXECUTE FUNCTION "knowledge_articles_search_trigger"();
CREATE TRIGGER "knowledge_documents_search" BEFORE INSERT OR UPDATE OF "title", "text", "tags"
  ON "knowledge_documents" FOR EACH ROW EXECUTE FUNCTION "knowledge_documents_search_trigger"();

-- Existing rows: setting the title to itself fires the trigger.
UPDATE "knowledge_articles" SET "title" = "title";
UPDATE "knowledge_documents" SET "title" = "title";

CREATE INDEX "knowledge_articles_search_idx" ON "knowledge_articles" USING GIN ("search");
CREATE INDEX "knowledge_documents_search_idx" ON "knowledge_documents" USING GIN ("search");

-- The expression indexes they replace (nothing queries those expressions any more).
DROP INDEX "knowledge_articles_fts_idx";
DROP INDEX "knowledge_documents_fts_idx";
