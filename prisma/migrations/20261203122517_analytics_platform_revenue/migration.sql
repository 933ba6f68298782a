-- CreateTable
CREATE TABLE "analytics_platform_customer_mrr" (
    "scope" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "mrr" BIGINT NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,

    CONSTRAINT "analytics_platform_customer_mrr_pkey" PRIMARY KEY ("scope","tenantId","currency","month")
);

-- CreateTable
CREATE TABLE "analytics_platform_mrr_movements" (
    "scope" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" BIGINT NOT NULL DEFAULT 0,
    "customers" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_platform_mrr_movements_pkey" PRIMARY KEY ("scope","currency","month","kind")
);

-- CreateTable
CREATE TABLE "analytics_platform_customer_money" (
    "scope" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "cash" BIGINT NOT NULL DEFAULT 0,
    "positiveCash" BIGINT NOT NULL DEFAULT 0,
    "refunds" BIGINT NOT NULL DEFAULT 0,
    "moneyRows" INTEGER NOT NULL DEFAULT 0,
    "firstPayer" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "analytics_platform_customer_money_pkey" PRIMARY KEY ("scope","tenantId","currency","month")
);

-- CreateTable
CREATE TABLE "analytics_platform_money_months" (
    "scope" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "cash" BIGINT NOT NULL DEFAULT 0,
    "positiveCash" BIGINT NOT NULL DEFAULT 0,
    "refunds" BIGINT NOT NULL DEFAULT 0,
    "moneyRows" INTEGER NOT NULL DEFAULT 0,
    "newPayers" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_platform_money_months_pkey" PRIMARY KEY ("scope","currency","month")
);

-- CreateTable
CREATE TABLE "analytics_platform_customer_trials" (
    "scope" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "trialMonth" DATE NOT NULL,
    "convertedMonth" DATE,

    CONSTRAINT "analytics_platform_customer_trials_pkey" PRIMARY KEY ("scope","tenantId")
);

-- CreateTable
CREATE TABLE "analytics_platform_trial_months" (
    "scope" TEXT NOT NULL,
    "trialMonth" DATE NOT NULL,
    "convertedMonth" DATE NOT NULL,
    "trials" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_platform_trial_months_pkey" PRIMARY KEY ("scope","trialMonth","convertedMonth")
);

-- CreateIndex
CREATE INDEX "analytics_platform_customer_mrr_scope_kind_month_idx" ON "analytics_platform_customer_mrr"("scope", "kind", "month");

-- ─── Maintenance (hand-written; not part of schema.prisma) ─────────────────────
-- The platform's revenue rollups, kept in the same transaction as the ledger rows (the pattern of
-- 20261203080000_analytics_platform_rollups): statement-level AFTER triggers on
-- subscription_versions, payments and refunds re-derive the touched customers' (workspaces')
-- rows from their own ledger rows, and move the platform's per-month counters by the difference
-- (old rows taken back, new rows added). Re-deriving a whole customer makes a backdated version,
-- a status change of a payment or a refund, or a deletion exact without special cases; it costs
-- one customer's history, never the platform's. Each customer is advisory-locked (in id order)
-- first, so two transactions never derive one customer's rows from stale reads; the shared
-- counter rows are upserted in key order, so two writers never wait on each other in opposite
-- orders. Scope "all" counts every provider, "real" Stripe and PayPal only (countedProviders()).
-- Definitions: lib/billing/reports/revenue-math.ts and lib/analytics/kpi-math.ts; the tests
-- (tests/integration/analytics-platform-revenue.test.ts) compare both after random writes.

CREATE FUNCTION analytics_platform_lock_customers(ids text[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('analytics_platform_revenue:' || id, 0))
  FROM (SELECT DISTINCT unnest(ids) AS id ORDER BY 1) AS t;
END $$;

-- MRR at each month end where a customer's changed (and the movement it is), and the customer's
-- first trial with the month it first earned MRR after it.
CREATE FUNCTION analytics_platform_refresh_mrr(ids text[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM analytics_platform_lock_customers(ids);

  WITH old AS (
    DELETE FROM analytics_platform_customer_mrr WHERE "tenantId" = ANY(ids)
    RETURNING scope, currency, month, kind, amount)
  INSERT INTO analytics_platform_mrr_movements (scope, currency, month, kind, amount, customers)
  SELECT scope, currency, month, kind, -sum(amount), -count(*)::int FROM old
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (scope, currency, month, kind)
  DO UPDATE SET amount = analytics_platform_mrr_movements.amount + EXCLUDED.amount,
                customers = analytics_platform_mrr_movements.customers + EXCLUDED.customers;

  WITH scopes(scope) AS (VALUES ('all'), ('real')),
  spans AS (
    SELECT s.scope, sv."tenantId",
           min(date_trunc('month', sv."effectiveAt" AT TIME ZONE 'UTC')) AS first,
           max(date_trunc('month', sv."effectiveAt" AT TIME ZONE 'UTC')) AS last
    FROM subscription_versions sv
    JOIN subscriptions sub ON sub."tenantId" = sv."tenantId" AND sub.id = sv."subscriptionId"
    JOIN scopes s ON s.scope = 'all' OR sub.provider <> 'LOCAL'
    WHERE sv."tenantId" = ANY(ids)
    GROUP BY 1, 2),
  months AS (
    SELECT scope, "tenantId", generate_series(first, last, interval '1 month') AS month FROM spans),
  snap AS (
    -- Each subscription's latest version before the month's end; customers with MRR > 0 per currency.
    SELECT m.scope, m."tenantId", m.month, cur.currency, sum(cur.mrr)::bigint AS mrr
    FROM months m
    CROSS JOIN LATERAL (
      SELECT DISTINCT ON (sv."subscriptionId") sv.currency, sv.mrr
      FROM subscription_versions sv
      JOIN subscriptions sub ON sub."tenantId" = sv."tenantId" AND sub.id = sv."subscriptionId"
      WHERE sv."tenantId" = m."tenantId" AND (m.scope = 'all' OR sub.provider <> 'LOCAL')
        AND sv."effectiveAt" < (m.month + interval '1 month') AT TIME ZONE 'UTC'
      ORDER BY sv."subscriptionId", sv."effectiveAt" DESC) AS cur
    WHERE cur.mrr > 0
    GROUP BY 1, 2, 3, 4),
  grid AS (
    SELECT k.scope, k."tenantId", k.currency, m.month, coalesce(s.mrr, 0) AS mrr
    FROM (SELECT DISTINCT scope, "tenantId", currency FROM snap) AS k
    JOIN months m ON m.scope = k.scope AND m."tenantId" = k."tenantId"
    LEFT JOIN snap s ON s.scope = k.scope AND s."tenantId" = k."tenantId" AND s.currency = k.currency AND s.month = m.month),
  moves AS (
    SELECT scope, "tenantId", currency, month, mrr,
           coalesce(lag(mrr) OVER w, 0) AS prev,
           coalesce(bool_or(mrr > 0) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), false) AS had
    FROM grid WINDOW w AS (PARTITION BY scope, "tenantId", currency ORDER BY month)),
  fresh AS (
    INSERT INTO analytics_platform_customer_mrr (scope, "tenantId", currency, month, mrr, kind, amount)
    SELECT scope, "tenantId", currency, month::date, mrr,
           CASE WHEN prev = 0 THEN CASE WHEN had THEN 'reactivation' ELSE 'new' END
                WHEN mrr = 0 THEN 'churn' WHEN mrr > prev THEN 'expansion' ELSE 'contraction' END,
           CASE WHEN prev = 0 THEN mrr WHEN mrr = 0 THEN prev ELSE abs(mrr - prev) END
    FROM moves WHERE mrr <> prev
    RETURNING scope, currency, month, kind, amount)
  INSERT INTO analytics_platform_mrr_movements (scope, currency, month, kind, amount, customers)
  SELECT scope, currency, month, kind, sum(amount), count(*)::int FROM fresh
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (scope, currency, month, kind)
  DO UPDATE SET amount = analytics_platform_mrr_movements.amount + EXCLUDED.amount,
                customers = analytics_platform_mrr_movements.customers + EXCLUDED.customers;

  WITH old AS (
    DELETE FROM analytics_platform_customer_trials WHERE "tenantId" = ANY(ids)
    RETURNING scope, "trialMonth", coalesce("convertedMonth", 'infinity'::date) AS converted)
  INSERT INTO analytics_platform_trial_months (scope, "trialMonth", "convertedMonth", trials)
  SELECT scope, "trialMonth", converted, -count(*)::int FROM old GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (scope, "trialMonth", "convertedMonth")
  DO UPDATE SET trials = analytics_platform_trial_months.trials + EXCLUDED.trials;

  WITH scopes(scope) AS (VALUES ('all'), ('real')),
  v AS (
    SELECT s.scope, sv."tenantId", sv."effectiveAt", sv.status, sv.mrr
    FROM subscription_versions sv
    JOIN subscriptions sub ON sub."tenantId" = sv."tenantId" AND sub.id = sv."subscriptionId"
    JOIN scopes s ON s.scope = 'all' OR sub.provider <> 'LOCAL'
    WHERE sv."tenantId" = ANY(ids)),
  trials AS (
    SELECT scope, "tenantId", min("effectiveAt") AS started FROM v WHERE status = 'TRIALING' GROUP BY 1, 2),
  fresh AS (
    INSERT INTO analytics_platform_customer_trials (scope, "tenantId", "trialMonth", "convertedMonth")
    SELECT t.scope, t."tenantId", date_trunc('month', t.started AT TIME ZONE 'UTC')::date,
           (SELECT date_trunc('month', min(v."effectiveAt") AT TIME ZONE 'UTC')::date FROM v
            WHERE v.scope = t.scope AND v."tenantId" = t."tenantId" AND v.mrr > 0 AND v."effectiveAt" >= t.started)
    FROM trials t
    RETURNING scope, "trialMonth", coalesce("convertedMonth", 'infinity'::date) AS converted)
  INSERT INTO analytics_platform_trial_months (scope, "trialMonth", "convertedMonth", trials)
  SELECT scope, "trialMonth", converted, count(*)::int FROM fresh GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (scope, "trialMonth", "convertedMonth")
  DO UPDATE SET trials = analytics_platform_trial_months.trials + EXCLUDED.trials;
END $$;

-- Successful payments by payment time (cash; positive ones for observed LTV; the first month with
-- one makes a payer) and refunds by creation time, per customer, currency and month.
CREATE FUNCTION analytics_platform_refresh_money(ids text[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM analytics_platform_lock_customers(ids);

  WITH old AS (
    DELETE FROM analytics_platform_customer_money WHERE "tenantId" = ANY(ids)
    RETURNING scope, currency, month, cash, "positiveCash", refunds, "moneyRows", "firstPayer")
  INSERT INTO analytics_platform_money_months (scope, currency, month, cash, "positiveCash", refunds, "moneyRows", "newPayers")
  SELECT scope, currency, month, -sum(cash), -sum("positiveCash"), -sum(refunds), -sum("moneyRows")::int,
         -count(*) FILTER (WHERE "firstPayer")::int
  FROM old GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (scope, currency, month)
  DO UPDATE SET cash = analytics_platform_money_months.cash + EXCLUDED.cash,
                "positiveCash" = analytics_platform_money_months."positiveCash" + EXCLUDED."positiveCash",
                refunds = analytics_platform_money_months.refunds + EXCLUDED.refunds,
                "moneyRows" = analytics_platform_money_months."moneyRows" + EXCLUDED."moneyRows",
                "newPayers" = analytics_platform_money_months."newPayers" + EXCLUDED."newPayers";

  WITH scopes(scope) AS (VALUES ('all'), ('real')),
  money AS (
    SELECT s.scope, p."tenantId", p.currency,
           date_trunc('month', coalesce(p."paidAt", p."providerCreatedAt") AT TIME ZONE 'UTC')::date AS month,
           p.amount::bigint AS cash, 0::bigint AS refund
    FROM payments p JOIN scopes s ON s.scope = 'all' OR p.provider <> 'LOCAL'
    WHERE p."tenantId" = ANY(ids) AND p.status = 'SUCCEEDED'
    UNION ALL
    SELECT s.scope, r."tenantId", r.currency, date_trunc('month', r."providerCreatedAt" AT TIME ZONE 'UTC')::date,
           0, r.amount::bigint
    FROM refunds r JOIN scopes s ON s.scope = 'all' OR r.provider <> 'LOCAL'
    WHERE r."tenantId" = ANY(ids) AND r.status NOT IN ('failed', 'canceled', 'cancelled')),
  months AS (
    SELECT scope, "tenantId", currency, month, sum(cash) AS cash,
           coalesce(sum(cash) FILTER (WHERE cash > 0), 0) AS positive, sum(refund) AS refunds,
           count(*) FILTER (WHERE cash <> 0 OR refund <> 0)::int AS rows
    FROM money GROUP BY 1, 2, 3, 4),
  fresh AS (
    INSERT INTO analytics_platform_customer_money
      (scope, "tenantId", currency, month, cash, "positiveCash", refunds, "moneyRows", "firstPayer")
    SELECT scope, "tenantId", currency, month, cash, positive, refunds, rows,
           coalesce(month = min(month) FILTER (WHERE positive > 0) OVER (PARTITION BY scope, "tenantId", currency), false)
    FROM months
    RETURNING scope, currency, month, cash, "positiveCash", refunds, "moneyRows", "firstPayer")
  INSERT INTO analytics_platform_money_months (scope, currency, month, cash, "positiveCash", refunds, "moneyRows", "newPayers")
  SELECT scope, currency, month, sum(cash), sum("positiveCash"), sum(refunds), sum("moneyRows")::int,
         count(*) FILTER (WHERE "firstPayer")::int
  FROM fresh GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (scope, currency, month)
  DO UPDATE SET cash = analytics_platform_money_months.cash + EXCLUDED.cash,
                "positiveCash" = analytics_platform_money_months."positiveCash" + EXCLUDED."positiveCash",
                refunds = analytics_platform_money_months.refunds + EXCLUDED.refunds,
                "moneyRows" = analytics_platform_money_months."moneyRows" + EXCLUDED."moneyRows",
                "newPayers" = analytics_platform_money_months."newPayers" + EXCLUDED."newPayers";
END $$;

-- One trigger function per source: the customers a statement touched (old and new rows).
CREATE FUNCTION analytics_platform_versions_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE ids text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT "tenantId") INTO ids FROM analytics_new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT "tenantId") INTO ids FROM analytics_old_rows;
  ELSE
    SELECT array_agg(DISTINCT id) INTO ids
    FROM (SELECT "tenantId" AS id FROM analytics_new_rows UNION SELECT "tenantId" FROM analytics_old_rows) AS t;
  END IF;
  PERFORM analytics_platform_refresh_mrr(ids);
  RETURN NULL;
END $$;

CREATE FUNCTION analytics_platform_money_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE ids text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT "tenantId") INTO ids FROM analytics_new_rows;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT "tenantId") INTO ids FROM analytics_old_rows;
  ELSE
    SELECT array_agg(DISTINCT id) INTO ids
    FROM (SELECT "tenantId" AS id FROM analytics_new_rows UNION SELECT "tenantId" FROM analytics_old_rows) AS t;
  END IF;
  PERFORM analytics_platform_refresh_money(ids);
  RETURN NULL;
END $$;

CREATE TRIGGER analytics_platform_versions_inserted AFTER INSERT ON "subscription_versions"
  REFERENCING NEW TABLE AS analytics_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_platform_versions_changed();
CREATE TRIGGER analytics_platform_versions_updated AFTER UPDATE ON "subscription_versions"
  REFERENCING OLD TABLE AS analytics_old_rows NEW TABLE AS analytics_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_platform_versions_changed();
CREATE TRIGGER analytics_platform_versions_deleted AFTER DELETE ON "subscription_versions"
  REFERENCING OLD TABLE AS analytics_old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_platform_versions_changed();

CREATE TRIGGER analytics_platform_payments_inserted AFTER INSERT ON "payments"
  REFERENCING NEW TABLE AS analytics_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_platform_money_changed();
CREATE TRIGGER analytics_platform_payments_updated AFTER UPDATE ON "payments"
  REFERENCING OLD TABLE AS analytics_old_rows NEW TABLE AS analytics_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_platform_money_changed();
CREATE TRIGGER analytics_platform_payments_deleted AFTER DELETE ON "payments"
  REFERENCING OLD TABLE AS analytics_old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_platform_money_changed();

CREATE TRIGGER analytics_platform_refunds_inserted AFTER INSERT ON "refunds"
  REFERENCING NEW TABLE AS analytics_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_platform_money_changed();
CREATE TRIGGER analytics_platform_refunds_updated AFTER UPDATE ON "refunds"
  REFERENCING OLD TABLE AS analytics_old_rows NEW TABLE AS analytics_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_platform_money_changed();
CREATE TRIGGER analytics_platform_refunds_deleted AFTER DELETE ON "refunds"
  REFERENCING OLD TABLE AS analytics_old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_platform_money_changed();

-- The history already recorded (the triggers above keep it from here on).
SELECT analytics_platform_refresh_mrr(array_agg(DISTINCT "tenantId")) FROM subscription_versions;
SELECT analytics_platform_refresh_money(array_agg(DISTINCT "tenantId"))
FROM (SELECT "tenantId" FROM payments UNION SELECT "tenantId" FROM refunds) AS t;

-- ─── Operator only ─────────────────────────────────────────────────────────────
-- As the other platform rollups: no privilege for tessera_app, RLS on with no policy; the refresh
-- functions run only from the triggers (nobody may call them directly).
REVOKE ALL ON FUNCTION analytics_platform_refresh_mrr(text[]), analytics_platform_refresh_money(text[]),
  analytics_platform_lock_customers(text[]) FROM PUBLIC;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tessera_app') THEN
    REVOKE ALL ON "analytics_platform_customer_mrr", "analytics_platform_mrr_movements",
      "analytics_platform_customer_money", "analytics_platform_money_months",
      "analytics_platform_customer_trials", "analytics_platform_trial_months" FROM tessera_app;
  END IF;
END $$;

ALTER TABLE "analytics_platform_customer_mrr" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "analytics_platform_mrr_movements" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "analytics_platform_customer_money" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "analytics_platform_money_months" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "analytics_platform_customer_trials" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "analytics_platform_trial_months" ENABLE ROW LEVEL SECURITY;
