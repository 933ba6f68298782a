-- CreateTable
CREATE TABLE "analytics_platform_user_windows" (
    "windowDays" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "activeUsers" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_platform_user_windows_pkey" PRIMARY KEY ("windowDays","day")
);

-- CreateIndex
CREATE INDEX "analytics_platform_user_days_userId_day_idx" ON "analytics_platform_user_days"("userId", "day");

-- ─── Maintenance (hand-written; not part of schema.prisma) ─────────────────────
-- Distinct users over trailing windows of 7 and 30 days, kept as user-days are claimed (the
-- platform DAU trigger inserts each user-day once into analytics_platform_user_days; this
-- statement-level trigger sees exactly the claimed ones). A window ending on day e counts a user
-- when one of the user's active days lies in [e − n + 1, e]. A new day x newly covers the windows
-- whose latest active day of the user is x and which hold none of the user's earlier days:
-- e in [max(x, previous earlier day + n), min(x + n − 1, next day − 1)], where "earlier" means days
-- claimed before this statement and "next" any day. Each user is advisory-locked (in id order)
-- first, so concurrent claims of one user's days are counted one after the other.
CREATE FUNCTION analytics_platform_user_days_inserted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('analytics_platform_user_windows:' || u, 0))
  FROM (SELECT DISTINCT "userId" AS u FROM analytics_new_user_days ORDER BY 1) AS t;

  -- Each claimed day among the user's days near it (30 days either side is all a window sees):
  -- the previous earlier day and the next day by window functions, one pass per user.
  WITH fresh AS (
    SELECT "userId", min(day) - 30 AS lo, max(day) + 30 AS hi FROM analytics_new_user_days GROUP BY 1),
  days AS (
    SELECT d."userId", d.day, (n."userId" IS NOT NULL) AS claimed
    FROM fresh f
    JOIN analytics_platform_user_days d ON d."userId" = f."userId" AND d.day BETWEEN f.lo AND f.hi
    LEFT JOIN analytics_new_user_days n ON n."userId" = d."userId" AND n.day = d.day),
  seq AS (
    SELECT "userId", day, claimed,
           lead(day) OVER w AS next_day,
           max(day) FILTER (WHERE NOT claimed) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier
    FROM days WINDOW w AS (PARTITION BY "userId" ORDER BY day))
  INSERT INTO analytics_platform_user_windows ("windowDays", day, "activeUsers")
  SELECT w.n, e::date, count(*)::int
  FROM seq CROSS JOIN (VALUES (7), (30)) AS w(n)
  CROSS JOIN LATERAL generate_series(greatest(seq.day, seq.earlier + w.n)::timestamp,
                                     least(seq.day + w.n - 1, seq.next_day - 1)::timestamp, interval '1 day') AS e
  WHERE seq.claimed
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT ("windowDays", day)
  DO UPDATE SET "activeUsers" = analytics_platform_user_windows."activeUsers" + EXCLUDED."activeUsers";
  RETURN NULL;
END $$;

CREATE TRIGGER analytics_platform_user_days_inserted AFTER INSERT ON "analytics_platform_user_days"
  REFERENCING NEW TABLE AS analytics_new_user_days
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_platform_user_days_inserted();

-- The history already recorded.
INSERT INTO analytics_platform_user_windows ("windowDays", day, "activeUsers")
SELECT w.n, e::date, count(DISTINCT d."userId")::int
FROM analytics_platform_user_days d CROSS JOIN (VALUES (7), (30)) AS w(n)
CROSS JOIN LATERAL generate_series(d.day::timestamp, (d.day + w.n - 1)::timestamp, interval '1 day') AS e
GROUP BY 1, 2;

-- Operator only, as the other platform rollups.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tessera_app') THEN
    REVOKE ALL ON "analytics_platform_user_windows" FROM tessera_app;
  END IF;
END $$;
ALTER TABLE "analytics_platform_user_windows" ENABLE ROW LEVEL SECURITY;
