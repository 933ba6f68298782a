-- CreateTable
CREATE TABLE "analytics_platform_api_hourly" (
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "route" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" BIGINT NOT NULL,
    "latencyMsSum" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_platform_api_hourly_pkey" PRIMARY KEY ("hour","route","status","bucket")
);

-- CreateTable
CREATE TABLE "analytics_platform_user_days" (
    "day" DATE NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "analytics_platform_user_days_pkey" PRIMARY KEY ("day","userId")
);

-- CreateTable
CREATE TABLE "analytics_platform_days" (
    "day" DATE NOT NULL,
    "activeUsers" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_platform_days_pkey" PRIMARY KEY ("day")
);

-- CreateTable
CREATE TABLE "analytics_platform_user_months" (
    "month" DATE NOT NULL,
    "userId" TEXT NOT NULL,

    CONSTRAINT "analytics_platform_user_months_pkey" PRIMARY KEY ("month","userId")
);

-- CreateTable
CREATE TABLE "analytics_platform_months" (
    "month" DATE NOT NULL,
    "activeUsers" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_platform_months_pkey" PRIMARY KEY ("month")
);

-- CreateTable
CREATE TABLE "analytics_platform_tenant_months" (
    "tenantId" TEXT NOT NULL,
    "month" DATE NOT NULL,

    CONSTRAINT "analytics_platform_tenant_months_pkey" PRIMARY KEY ("tenantId","month")
);

-- CreateTable
CREATE TABLE "analytics_platform_cohort_sizes" (
    "month" DATE NOT NULL,
    "workspaces" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_platform_cohort_sizes_pkey" PRIMARY KEY ("month")
);

-- CreateTable
CREATE TABLE "analytics_platform_cohorts" (
    "cohortMonth" DATE NOT NULL,
    "month" DATE NOT NULL,
    "workspaces" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_platform_cohorts_pkey" PRIMARY KEY ("cohortMonth","month")
);

-- ─── Maintenance (hand-written; not part of schema.prisma) ─────────────────────
-- Statement-level AFTER triggers add each statement's rows (its transition table) to the platform
-- totals inside the same transaction, so a tenant rollup and the platform's sum of it commit or
-- roll back together; concurrent writers serialise on the platform rows they share (row locks of
-- INSERT … ON CONFLICT DO UPDATE, taken in key order so two flushes never deadlock), and distinct
-- users are claimed by INSERT … ON CONFLICT DO NOTHING (exactly one writer counts a user-day).
-- The functions are SECURITY DEFINER (the migrating role, which owns the tables): the tenant role
-- tessera_app that writes the tenant rows has no privilege on the platform tables at all.
-- Deleting tenant rows (a purge) leaves the platform's history as it was.

CREATE FUNCTION analytics_platform_api_inserted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  INSERT INTO analytics_platform_api_hourly (hour, route, status, bucket, count, "latencyMsSum")
  SELECT hour, route, status, bucket, sum(count), sum("latencyMsSum")
  FROM analytics_new_rows GROUP BY hour, route, status, bucket ORDER BY hour, route, status, bucket
  ON CONFLICT (hour, route, status, bucket)
  DO UPDATE SET count = analytics_platform_api_hourly.count + EXCLUDED.count,
                "latencyMsSum" = analytics_platform_api_hourly."latencyMsSum" + EXCLUDED."latencyMsSum";
  RETURN NULL;
END $$;

CREATE FUNCTION analytics_platform_api_updated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  INSERT INTO analytics_platform_api_hourly (hour, route, status, bucket, count, "latencyMsSum")
  SELECT hour, route, status, bucket, sum(count), sum(ms)
  FROM (SELECT hour, route, status, bucket, count::bigint AS count, "latencyMsSum" AS ms FROM analytics_new_rows
        UNION ALL
        SELECT hour, route, status, bucket, -count::bigint, -"latencyMsSum" FROM analytics_old_rows) AS delta
  GROUP BY hour, route, status, bucket
  HAVING sum(count) <> 0 OR sum(ms) <> 0
  ORDER BY hour, route, status, bucket
  ON CONFLICT (hour, route, status, bucket)
  DO UPDATE SET count = analytics_platform_api_hourly.count + EXCLUDED.count,
                "latencyMsSum" = analytics_platform_api_hourly."latencyMsSum" + EXCLUDED."latencyMsSum";
  RETURN NULL;
END $$;

CREATE TRIGGER analytics_platform_api_inserted AFTER INSERT ON "analytics_api_hourly"
  REFERENCING NEW TABLE AS analytics_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_platform_api_inserted();
CREATE TRIGGER analytics_platform_api_updated AFTER UPDATE ON "analytics_api_hourly"
  REFERENCING OLD TABLE AS analytics_old_rows NEW TABLE AS analytics_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_platform_api_updated();

CREATE FUNCTION analytics_platform_active_users_inserted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  WITH added AS (
    INSERT INTO analytics_platform_user_days (day, "userId")
    SELECT DISTINCT day, "userId" FROM analytics_new_rows ORDER BY 1, 2
    ON CONFLICT DO NOTHING
    RETURNING day)
  INSERT INTO analytics_platform_days (day, "activeUsers")
  SELECT day, count(*) FROM added GROUP BY day ORDER BY day
  ON CONFLICT (day) DO UPDATE SET "activeUsers" = analytics_platform_days."activeUsers" + EXCLUDED."activeUsers";

  WITH added AS (
    INSERT INTO analytics_platform_user_months (month, "userId")
    SELECT DISTINCT date_trunc('month', day::timestamp)::date, "userId" FROM analytics_new_rows ORDER BY 1, 2
    ON CONFLICT DO NOTHING
    RETURNING month)
  INSERT INTO analytics_platform_months (month, "activeUsers")
  SELECT month, count(*) FROM added GROUP BY month ORDER BY month
  ON CONFLICT (month) DO UPDATE SET "activeUsers" = analytics_platform_months."activeUsers" + EXCLUDED."activeUsers";

  -- The workspace's row is share-locked before its creation month is read, so a correction of
  -- "createdAt" (analytics_platform_tenants_updated) either waits for this count or is seen by it.
  WITH added AS (
    INSERT INTO analytics_platform_tenant_months ("tenantId", month)
    SELECT DISTINCT "tenantId", date_trunc('month', day::timestamp)::date FROM analytics_new_rows ORDER BY 1, 2
    ON CONFLICT DO NOTHING
    RETURNING "tenantId", month),
  owners AS (
    SELECT t.id, t."createdAt" FROM tenants t WHERE t.id IN (SELECT "tenantId" FROM added) ORDER BY t.id FOR SHARE)
  INSERT INTO analytics_platform_cohorts ("cohortMonth", month, workspaces)
  SELECT date_trunc('month', owners."createdAt" AT TIME ZONE 'UTC')::date, added.month, count(*)
  FROM added JOIN owners ON owners.id = added."tenantId"
  GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT ("cohortMonth", month)
  DO UPDATE SET workspaces = analytics_platform_cohorts.workspaces + EXCLUDED.workspaces;
  RETURN NULL;
END $$;

CREATE TRIGGER analytics_platform_active_users_inserted AFTER INSERT ON "analytics_active_users"
  REFERENCING NEW TABLE AS analytics_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_platform_active_users_inserted();

CREATE FUNCTION analytics_platform_tenants_inserted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  INSERT INTO analytics_platform_cohort_sizes (month, workspaces)
  SELECT date_trunc('month', "createdAt" AT TIME ZONE 'UTC')::date, count(*) FROM analytics_new_rows
  GROUP BY 1 ORDER BY 1
  ON CONFLICT (month) DO UPDATE SET workspaces = analytics_platform_cohort_sizes.workspaces + EXCLUDED.workspaces;
  RETURN NULL;
END $$;

CREATE TRIGGER analytics_platform_tenants_inserted AFTER INSERT ON "tenants"
  REFERENCING NEW TABLE AS analytics_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_platform_tenants_inserted();

-- A corrected creation date moves the workspace, and the months it was active in, to its new cohort.
CREATE FUNCTION analytics_platform_tenants_updated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  WITH moved AS (
    SELECT o.id, date_trunc('month', o."createdAt" AT TIME ZONE 'UTC')::date AS old_month,
           date_trunc('month', n."createdAt" AT TIME ZONE 'UTC')::date AS new_month
    FROM analytics_old_rows o JOIN analytics_new_rows n ON n.id = o.id),
  deltas AS (
    SELECT month, sum(delta)::int AS delta
    FROM (SELECT old_month AS month, -1 AS delta FROM moved WHERE old_month <> new_month
          UNION ALL
          SELECT new_month, 1 FROM moved WHERE old_month <> new_month) AS d
    GROUP BY month)
  INSERT INTO analytics_platform_cohort_sizes (month, workspaces)
  SELECT month, delta FROM deltas WHERE delta <> 0 ORDER BY month
  ON CONFLICT (month) DO UPDATE SET workspaces = analytics_platform_cohort_sizes.workspaces + EXCLUDED.workspaces;

  WITH moved AS (
    SELECT o.id, date_trunc('month', o."createdAt" AT TIME ZONE 'UTC')::date AS old_month,
           date_trunc('month', n."createdAt" AT TIME ZONE 'UTC')::date AS new_month
    FROM analytics_old_rows o JOIN analytics_new_rows n ON n.id = o.id),
  deltas AS (
    SELECT cohort, month, sum(delta)::int AS delta
    FROM (SELECT m.old_month AS cohort, tm.month, -1 AS delta
          FROM moved m JOIN analytics_platform_tenant_months tm ON tm."tenantId" = m.id WHERE m.old_month <> m.new_month
          UNION ALL
          SELECT m.new_month, tm.month, 1
          FROM moved m JOIN analytics_platform_tenant_months tm ON tm."tenantId" = m.id WHERE m.old_month <> m.new_month) AS d
    GROUP BY cohort, month)
  INSERT INTO analytics_platform_cohorts ("cohortMonth", month, workspaces)
  SELECT cohort, month, delta FROM deltas WHERE delta <> 0 ORDER BY cohort, month
  ON CONFLICT ("cohortMonth", month)
  DO UPDATE SET workspaces = analytics_platform_cohorts.workspaces + EXCLUDED.workspaces;
  RETURN NULL;
END $$;

CREATE TRIGGER analytics_platform_tenants_updated AFTER UPDATE ON "tenants"
  REFERENCING OLD TABLE AS analytics_old_rows NEW TABLE AS analytics_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_platform_tenants_updated();

-- The history already recorded (the triggers above keep it from here on).
INSERT INTO analytics_platform_api_hourly (hour, route, status, bucket, count, "latencyMsSum")
SELECT hour, route, status, bucket, sum(count), sum("latencyMsSum") FROM analytics_api_hourly
GROUP BY hour, route, status, bucket;
INSERT INTO analytics_platform_user_days (day, "userId") SELECT DISTINCT day, "userId" FROM analytics_active_users;
INSERT INTO analytics_platform_days (day, "activeUsers")
SELECT day, count(*) FROM analytics_platform_user_days GROUP BY day;
INSERT INTO analytics_platform_user_months (month, "userId")
SELECT DISTINCT date_trunc('month', day::timestamp)::date, "userId" FROM analytics_active_users;
INSERT INTO analytics_platform_months (month, "activeUsers")
SELECT month, count(*) FROM analytics_platform_user_months GROUP BY month;
INSERT INTO analytics_platform_tenant_months ("tenantId", month)
SELECT DISTINCT "tenantId", date_trunc('month', day::timestamp)::date FROM analytics_active_users;
INSERT INTO analytics_platform_cohorts ("cohortMonth", month, workspaces)
SELECT date_trunc('month', t."createdAt" AT TIME ZONE 'UTC')::date, m.month, count(*)
FROM analytics_platform_tenant_months m JOIN tenants t ON t.id = m."tenantId" GROUP BY 1, 2;
INSERT INTO analytics_platform_cohort_sizes (month, workspaces)
SELECT date_trunc('month', "createdAt" AT TIME ZONE 'UTC')::date, count(*) FROM tenants GROUP BY 1;

-- ─── Operator only ─────────────────────────────────────────────────────────────
-- The first migration's default privileges grant every new table to tessera_app: take that back
-- for the platform tables (and for acquisition_spend, platform-level since it was added), and turn
-- RLS on with no policy, so a grant added by mistake would still show tenant work no row.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tessera_app') THEN
    REVOKE ALL ON "analytics_platform_api_hourly", "analytics_platform_user_days", "analytics_platform_days",
      "analytics_platform_user_months", "analytics_platform_months", "analytics_platform_tenant_months",
      "analytics_platform_cohort_sizes", "analytics_platform_cohorts", "acquisition_spend" FROM tessera_app;
  END IF;
END $$;

ALTER TABLE "analytics_platform_api_hourly" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "analytics_platform_user_days" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "analytics_platform_days" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "analytics_platform_user_months" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "analytics_platform_months" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "analytics_platform_tenant_months" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "analytics_platform_cohort_sizes" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "analytics_platform_cohorts" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "acquisition_spend" ENABLE ROW LEVEL SECURITY;
