-- CreateTable
CREATE TABLE "analytics_platform_user_gaps" (
    "day" DATE NOT NULL,
    "gap" INTEGER NOT NULL,
    "users" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_platform_user_gaps_pkey" PRIMARY KEY ("day","gap")
);

-- ─── Maintenance (hand-written; not part of schema.prisma) ─────────────────────
-- Distinct active users over any range of up to 400 days, from rows per day (not per user): each
-- user-day is counted under its gap, the days since the user's previous active day (401: none in
-- the 400 days before). A user is active in [a, b] exactly once at its first day there, the day
-- whose previous active day lies before a: distinct users of [a, b] = Σ users over the days d in
-- [a, b] with gap > d − a. Reads cost days × distinct gaps, however many users (week and month
-- points, and totals of ranges other than the trailing 7 and 30 days kept in
-- analytics_platform_user_windows).
--
-- A claimed day x counts under its gap to the previous day of the user; the user's next already
-- recorded day y after it (if within 400 days) moves from its old gap to its gap to x. Computed
-- per statement from the claimed days (the transition table) and the user's recorded days near
-- them; each user advisory-locked in id order first, as analytics_platform_user_windows does.
CREATE FUNCTION analytics_platform_user_gaps_inserted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('analytics_platform_user_windows:' || u, 0))
  FROM (SELECT DISTINCT "userId" AS u FROM analytics_new_user_days ORDER BY 1) AS t;

  -- The user's days within 401 days of the claims (all a gap of at most 400 can reach), in one
  -- pass per user: each day's previous day, and its previous day among the days recorded before.
  WITH fresh AS (
    SELECT "userId", min(day) - 401 AS lo, max(day) + 401 AS hi FROM analytics_new_user_days GROUP BY 1),
  days AS (
    SELECT d."userId", d.day, (n."userId" IS NOT NULL) AS claimed
    FROM fresh f
    JOIN analytics_platform_user_days d ON d."userId" = f."userId" AND d.day BETWEEN f.lo AND f.hi
    LEFT JOIN analytics_new_user_days n ON n."userId" = d."userId" AND n.day = d.day),
  seq AS (
    SELECT day, claimed,
           coalesce(lag(claimed) OVER w, false) AS after_claimed,
           lag(day) OVER w AS prev,
           max(day) FILTER (WHERE NOT claimed) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_before
    FROM days WINDOW w AS (PARTITION BY "userId" ORDER BY day)),
  deltas AS (
    -- A claimed day counts under its gap; the recorded day just after claimed ones moves its gap.
    SELECT day, least(coalesce(day - prev, 401), 401) AS gap, 1 AS users FROM seq WHERE claimed OR after_claimed
    UNION ALL
    SELECT day, least(coalesce(day - prev_before, 401), 401), -1 FROM seq WHERE NOT claimed AND after_claimed)
  INSERT INTO analytics_platform_user_gaps (day, gap, users)
  SELECT day, gap, sum(users)::int FROM deltas GROUP BY 1, 2 HAVING sum(users) <> 0 ORDER BY 1, 2
  ON CONFLICT (day, gap) DO UPDATE SET users = analytics_platform_user_gaps.users + EXCLUDED.users;
  RETURN NULL;
END $$;

CREATE TRIGGER analytics_platform_user_gaps_inserted AFTER INSERT ON "analytics_platform_user_days"
  REFERENCING NEW TABLE AS analytics_new_user_days
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_platform_user_gaps_inserted();

-- The history already recorded.
INSERT INTO analytics_platform_user_gaps (day, gap, users)
SELECT day, gap, count(*)::int FROM (
  SELECT day, least(coalesce(day - lag(day) OVER (PARTITION BY "userId" ORDER BY day), 401), 401) AS gap
  FROM analytics_platform_user_days) AS g
GROUP BY 1, 2;

-- Operator only, as the other platform rollups.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tessera_app') THEN
    REVOKE ALL ON "analytics_platform_user_gaps" FROM tessera_app;
  END IF;
END $$;
ALTER TABLE "analytics_platform_user_gaps" ENABLE ROW LEVEL SECURITY;
