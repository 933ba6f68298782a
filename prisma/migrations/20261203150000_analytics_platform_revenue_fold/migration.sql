-- CreateTable
CREATE TABLE "analytics_platform_revenue_pending" (
    "txid" BIGINT NOT NULL,

    CONSTRAINT "analytics_platform_revenue_pending_pkey" PRIMARY KEY ("txid")
);

-- CreateTable
CREATE TABLE "analytics_platform_mrr_movement_deltas" (
    "txid" BIGINT NOT NULL,
    "scope" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" BIGINT NOT NULL DEFAULT 0,
    "customers" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_platform_mrr_movement_deltas_pkey" PRIMARY KEY ("txid","scope","currency","month","kind")
);

-- CreateTable
CREATE TABLE "analytics_platform_money_month_deltas" (
    "txid" BIGINT NOT NULL,
    "scope" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "cash" BIGINT NOT NULL DEFAULT 0,
    "positiveCash" BIGINT NOT NULL DEFAULT 0,
    "refunds" BIGINT NOT NULL DEFAULT 0,
    "moneyRows" INTEGER NOT NULL DEFAULT 0,
    "newPayers" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_platform_money_month_deltas_pkey" PRIMARY KEY ("txid","scope","currency","month")
);

-- CreateTable
CREATE TABLE "analytics_platform_trial_month_deltas" (
    "txid" BIGINT NOT NULL,
    "scope" TEXT NOT NULL,
    "trialMonth" DATE NOT NULL,
    "convertedMonth" DATE NOT NULL,
    "trials" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_platform_trial_month_deltas_pkey" PRIMARY KEY ("txid","scope","trialMonth","convertedMonth")
);

-- CreateTable
CREATE TABLE "analytics_platform_channel_months" (
    "scope" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "channel" TEXT NOT NULL,
    "customers" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_platform_channel_months_pkey" PRIMARY KEY ("scope","currency","month","channel")
);

-- CreateTable
CREATE TABLE "analytics_platform_channel_month_deltas" (
    "txid" BIGINT NOT NULL,
    "scope" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "month" DATE NOT NULL,
    "channel" TEXT NOT NULL,
    "customers" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_platform_channel_month_deltas_pkey" PRIMARY KEY ("txid","scope","currency","month","channel")
);

-- CreateTable
CREATE TABLE "analytics_platform_customer_tiers" (
    "scope" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "mrr" BIGINT NOT NULL,

    CONSTRAINT "analytics_platform_customer_tiers_pkey" PRIMARY KEY ("scope","tenantId","tier","currency")
);

-- CreateTable
CREATE TABLE "analytics_platform_tier_mrr" (
    "scope" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "mrr" BIGINT NOT NULL DEFAULT 0,
    "customers" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_platform_tier_mrr_pkey" PRIMARY KEY ("scope","tier","currency")
);

-- CreateTable
CREATE TABLE "analytics_platform_tier_mrr_deltas" (
    "txid" BIGINT NOT NULL,
    "scope" TEXT NOT NULL,
    "tier" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "mrr" BIGINT NOT NULL DEFAULT 0,
    "customers" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "analytics_platform_tier_mrr_deltas_pkey" PRIMARY KEY ("txid","scope","tier","currency")
);

-- AlterTable
ALTER TABLE "analytics_platform_customer_mrr" ADD COLUMN "channel" TEXT NOT NULL DEFAULT '';

-- ─── Maintenance (hand-written; not part of schema.prisma) ─────────────────────
-- The revenue triggers (20261203122517_analytics_platform_revenue) upserted the platform's shared
-- counter rows (movements, money and trials per month) in every ledger statement. Each statement
-- took its keys in order, but a transaction of several statements (the webhook worker applies a
-- claim's tenants one statement each; a tenant's run writes versions, then payments) took them in
-- statement order, and held them to commit: transaction A locked March then May, B May then March
-- — PostgreSQL's 40P01 in the billing replay test, on analytics_platform_mrr_movements.
--
-- Now a statement adds its counter changes to delta rows of its own transaction (keyed by the
-- transaction id: no other transaction ever touches them), and one deferred constraint trigger
-- folds them into the counters at commit, in one pass per counter table (movements, money,
-- trials, always in that order) in key order. A transaction then waits for a counter row only
-- while holding counter rows of lower keys, so no two folds wait on each other in a cycle; the
-- counter rows are locked only for the moment before commit, not for the whole ledger
-- transaction; and a customer re-derived with nothing changed in a month (the old rows taken back,
-- the same ones added) touches no counter row at all. Readers are unchanged: the deltas never
-- outlive their transaction (rolled back with it, or folded and deleted before it commits).

-- This transaction's id, its fold scheduled (once: the pending row's deferred trigger).
CREATE FUNCTION analytics_platform_revenue_tx() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE tx bigint := pg_current_xact_id()::text::bigint;
BEGIN
  INSERT INTO analytics_platform_revenue_pending (txid) VALUES (tx) ON CONFLICT DO NOTHING;
  RETURN tx;
END $$;

CREATE FUNCTION analytics_platform_revenue_fold() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE tx bigint := NEW.txid;
BEGIN
  DELETE FROM analytics_platform_revenue_pending WHERE txid = tx;

  WITH d AS (
    DELETE FROM analytics_platform_mrr_movement_deltas WHERE txid = tx
    RETURNING scope, currency, month, kind, amount, customers)
  INSERT INTO analytics_platform_mrr_movements (scope, currency, month, kind, amount, customers)
  SELECT scope, currency, month, kind, amount, customers FROM d
  WHERE amount <> 0 OR customers <> 0
  ORDER BY scope, currency, month, kind
  ON CONFLICT (scope, currency, month, kind)
  DO UPDATE SET amount = analytics_platform_mrr_movements.amount + EXCLUDED.amount,
                customers = analytics_platform_mrr_movements.customers + EXCLUDED.customers;

  WITH d AS (
    DELETE FROM analytics_platform_money_month_deltas WHERE txid = tx
    RETURNING scope, currency, month, cash, "positiveCash", refunds, "moneyRows", "newPayers")
  INSERT INTO analytics_platform_money_months (scope, currency, month, cash, "positiveCash", refunds, "moneyRows", "newPayers")
  SELECT scope, currency, month, cash, "positiveCash", refunds, "moneyRows", "newPayers" FROM d
  WHERE cash <> 0 OR "positiveCash" <> 0 OR refunds <> 0 OR "moneyRows" <> 0 OR "newPayers" <> 0
  ORDER BY scope, currency, month
  ON CONFLICT (scope, currency, month)
  DO UPDATE SET cash = analytics_platform_money_months.cash + EXCLUDED.cash,
                "positiveCash" = analytics_platform_money_months."positiveCash" + EXCLUDED."positiveCash",
                refunds = analytics_platform_money_months.refunds + EXCLUDED.refunds,
                "moneyRows" = analytics_platform_money_months."moneyRows" + EXCLUDED."moneyRows",
                "newPayers" = analytics_platform_money_months."newPayers" + EXCLUDED."newPayers";

  WITH d AS (
    DELETE FROM analytics_platform_trial_month_deltas WHERE txid = tx
    RETURNING scope, "trialMonth", "convertedMonth", trials)
  INSERT INTO analytics_platform_trial_months (scope, "trialMonth", "convertedMonth", trials)
  SELECT scope, "trialMonth", "convertedMonth", trials FROM d
  WHERE trials <> 0
  ORDER BY scope, "trialMonth", "convertedMonth"
  ON CONFLICT (scope, "trialMonth", "convertedMonth")
  DO UPDATE SET trials = analytics_platform_trial_months.trials + EXCLUDED.trials;

  WITH d AS (
    DELETE FROM analytics_platform_channel_month_deltas WHERE txid = tx
    RETURNING scope, currency, month, channel, customers)
  INSERT INTO analytics_platform_channel_months (scope, currency, month, channel, customers)
  SELECT scope, currency, month, channel, customers FROM d
  WHERE customers <> 0
  ORDER BY scope, currency, month, channel
  ON CONFLICT (scope, currency, month, channel)
  DO UPDATE SET customers = analytics_platform_channel_months.customers + EXCLUDED.customers;

  WITH d AS (
    DELETE FROM analytics_platform_tier_mrr_deltas WHERE txid = tx
    RETURNING scope, tier, currency, mrr, customers)
  INSERT INTO analytics_platform_tier_mrr (scope, tier, currency, mrr, customers)
  SELECT scope, tier, currency, mrr, customers FROM d
  WHERE mrr <> 0 OR customers <> 0
  ORDER BY scope, tier, currency
  ON CONFLICT (scope, tier, currency)
  DO UPDATE SET mrr = analytics_platform_tier_mrr.mrr + EXCLUDED.mrr,
                customers = analytics_platform_tier_mrr.customers + EXCLUDED.customers;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER analytics_platform_revenue_fold AFTER INSERT ON "analytics_platform_revenue_pending"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION analytics_platform_revenue_fold();

-- The refresh functions as before (see 20261203122517), their counter changes written as deltas.
CREATE OR REPLACE FUNCTION analytics_platform_refresh_mrr(ids text[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE tx bigint;
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM analytics_platform_lock_customers(ids);
  tx := analytics_platform_revenue_tx();

  WITH old AS (
    DELETE FROM analytics_platform_customer_mrr WHERE "tenantId" = ANY(ids)
    RETURNING scope, currency, month, kind, amount, channel),
  movements AS (
    INSERT INTO analytics_platform_mrr_movement_deltas AS d (txid, scope, currency, month, kind, amount, customers)
    SELECT tx, scope, currency, month, kind, -sum(amount), -count(*)::int FROM old
    GROUP BY scope, currency, month, kind
    ON CONFLICT (txid, scope, currency, month, kind)
    DO UPDATE SET amount = d.amount + EXCLUDED.amount, customers = d.customers + EXCLUDED.customers)
  INSERT INTO analytics_platform_channel_month_deltas AS d (txid, scope, currency, month, channel, customers)
  SELECT tx, scope, currency, month, channel, -count(*)::int FROM old WHERE kind = 'new'
  GROUP BY scope, currency, month, channel
  ON CONFLICT (txid, scope, currency, month, channel) DO UPDATE SET customers = d.customers + EXCLUDED.customers;

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
    -- The channel the customer is counted under (its workspace's now; '' unknown), kept with the row.
    INSERT INTO analytics_platform_customer_mrr (scope, "tenantId", currency, month, mrr, kind, amount, channel)
    SELECT scope, "tenantId", currency, month::date, mrr,
           CASE WHEN prev = 0 THEN CASE WHEN had THEN 'reactivation' ELSE 'new' END
                WHEN mrr = 0 THEN 'churn' WHEN mrr > prev THEN 'expansion' ELSE 'contraction' END,
           CASE WHEN prev = 0 THEN mrr WHEN mrr = 0 THEN prev ELSE abs(mrr - prev) END,
           coalesce((SELECT t."acquisitionChannel" FROM tenants t WHERE t.id = moves."tenantId"), '')
    FROM moves WHERE mrr <> prev
    RETURNING scope, currency, month, kind, amount, channel),
  movements AS (
    INSERT INTO analytics_platform_mrr_movement_deltas AS d (txid, scope, currency, month, kind, amount, customers)
    SELECT tx, scope, currency, month, kind, sum(amount), count(*)::int FROM fresh
    GROUP BY scope, currency, month, kind
    ON CONFLICT (txid, scope, currency, month, kind)
    DO UPDATE SET amount = d.amount + EXCLUDED.amount, customers = d.customers + EXCLUDED.customers)
  INSERT INTO analytics_platform_channel_month_deltas AS d (txid, scope, currency, month, channel, customers)
  SELECT tx, scope, currency, month, channel, count(*)::int FROM fresh WHERE kind = 'new'
  GROUP BY scope, currency, month, channel
  ON CONFLICT (txid, scope, currency, month, channel) DO UPDATE SET customers = d.customers + EXCLUDED.customers;

  -- MRR by tier now: each subscription's latest version (whatever its date; the reader falls back
  -- to the versions while any lies in the future), per customer, tier and currency.
  WITH old AS (
    DELETE FROM analytics_platform_customer_tiers WHERE "tenantId" = ANY(ids)
    RETURNING scope, tier, currency, mrr)
  INSERT INTO analytics_platform_tier_mrr_deltas AS d (txid, scope, tier, currency, mrr, customers)
  SELECT tx, scope, tier, currency, -sum(mrr), -count(*)::int FROM old GROUP BY scope, tier, currency
  ON CONFLICT (txid, scope, tier, currency)
  DO UPDATE SET mrr = d.mrr + EXCLUDED.mrr, customers = d.customers + EXCLUDED.customers;

  WITH scopes(scope) AS (VALUES ('all'), ('real')),
  latest AS (
    SELECT DISTINCT ON (sv."tenantId", sv."subscriptionId")
           sv."tenantId", sv.tier::text AS tier, sv.currency, sv.mrr, sub.provider
    FROM subscription_versions sv
    JOIN subscriptions sub ON sub."tenantId" = sv."tenantId" AND sub.id = sv."subscriptionId"
    WHERE sv."tenantId" = ANY(ids)
    ORDER BY sv."tenantId", sv."subscriptionId", sv."effectiveAt" DESC),
  fresh AS (
    INSERT INTO analytics_platform_customer_tiers (scope, "tenantId", tier, currency, mrr)
    SELECT s.scope, l."tenantId", l.tier, l.currency, sum(l.mrr)::bigint
    FROM latest l JOIN scopes s ON s.scope = 'all' OR l.provider <> 'LOCAL'
    WHERE l.mrr > 0
    GROUP BY 1, 2, 3, 4
    RETURNING scope, tier, currency, mrr)
  INSERT INTO analytics_platform_tier_mrr_deltas AS d (txid, scope, tier, currency, mrr, customers)
  SELECT tx, scope, tier, currency, sum(mrr), count(*)::int FROM fresh GROUP BY scope, tier, currency
  ON CONFLICT (txid, scope, tier, currency)
  DO UPDATE SET mrr = d.mrr + EXCLUDED.mrr, customers = d.customers + EXCLUDED.customers;

  WITH old AS (
    DELETE FROM analytics_platform_customer_trials WHERE "tenantId" = ANY(ids)
    RETURNING scope, "trialMonth", coalesce("convertedMonth", 'infinity'::date) AS converted)
  INSERT INTO analytics_platform_trial_month_deltas AS d (txid, scope, "trialMonth", "convertedMonth", trials)
  SELECT tx, scope, "trialMonth", converted, -count(*)::int FROM old GROUP BY scope, "trialMonth", converted
  ON CONFLICT (txid, scope, "trialMonth", "convertedMonth") DO UPDATE SET trials = d.trials + EXCLUDED.trials;

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
  INSERT INTO analytics_platform_trial_month_deltas AS d (txid, scope, "trialMonth", "convertedMonth", trials)
  SELECT tx, scope, "trialMonth", converted, count(*)::int FROM fresh GROUP BY scope, "trialMonth", converted
  ON CONFLICT (txid, scope, "trialMonth", "convertedMonth") DO UPDATE SET trials = d.trials + EXCLUDED.trials;
END $$;

CREATE OR REPLACE FUNCTION analytics_platform_refresh_money(ids text[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE tx bigint;
BEGIN
  IF ids IS NULL OR cardinality(ids) = 0 THEN RETURN; END IF;
  PERFORM analytics_platform_lock_customers(ids);
  tx := analytics_platform_revenue_tx();

  WITH old AS (
    DELETE FROM analytics_platform_customer_money WHERE "tenantId" = ANY(ids)
    RETURNING scope, currency, month, cash, "positiveCash", refunds, "moneyRows", "firstPayer")
  INSERT INTO analytics_platform_money_month_deltas AS d
    (txid, scope, currency, month, cash, "positiveCash", refunds, "moneyRows", "newPayers")
  SELECT tx, scope, currency, month, -sum(cash), -sum("positiveCash"), -sum(refunds), -sum("moneyRows")::int,
         -count(*) FILTER (WHERE "firstPayer")::int
  FROM old GROUP BY scope, currency, month
  ON CONFLICT (txid, scope, currency, month)
  DO UPDATE SET cash = d.cash + EXCLUDED.cash, "positiveCash" = d."positiveCash" + EXCLUDED."positiveCash",
                refunds = d.refunds + EXCLUDED.refunds, "moneyRows" = d."moneyRows" + EXCLUDED."moneyRows",
                "newPayers" = d."newPayers" + EXCLUDED."newPayers";

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
  INSERT INTO analytics_platform_money_month_deltas AS d
    (txid, scope, currency, month, cash, "positiveCash", refunds, "moneyRows", "newPayers")
  SELECT tx, scope, currency, month, sum(cash), sum("positiveCash"), sum(refunds), sum("moneyRows")::int,
         count(*) FILTER (WHERE "firstPayer")::int
  FROM fresh GROUP BY scope, currency, month
  ON CONFLICT (txid, scope, currency, month)
  DO UPDATE SET cash = d.cash + EXCLUDED.cash, "positiveCash" = d."positiveCash" + EXCLUDED."positiveCash",
                refunds = d.refunds + EXCLUDED.refunds, "moneyRows" = d."moneyRows" + EXCLUDED."moneyRows",
                "newPayers" = d."newPayers" + EXCLUDED."newPayers";
END $$;

-- A workspace's acquisition channel corrected: its customer rows, and its new customers per
-- channel, move to the new channel. The customers are locked as the refresh locks them, so a
-- refresh and a move of one workspace run one after the other (setTenantAcquisitionChannel takes
-- the same lock before it updates the row, so the two never wait on each other the other way).
CREATE FUNCTION analytics_platform_channels_changed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE ids text[]; tx bigint;
BEGIN
  SELECT array_agg(n.id ORDER BY n.id) INTO ids
  FROM analytics_new_rows n JOIN analytics_old_rows o ON o.id = n.id
  WHERE n."acquisitionChannel" IS DISTINCT FROM o."acquisitionChannel";
  IF ids IS NULL THEN RETURN NULL; END IF;
  PERFORM analytics_platform_lock_customers(ids);
  IF NOT EXISTS (SELECT 1 FROM analytics_platform_customer_mrr WHERE "tenantId" = ANY(ids)) THEN RETURN NULL; END IF;
  tx := analytics_platform_revenue_tx();

  WITH target AS (
    SELECT id, coalesce("acquisitionChannel", '') AS channel FROM tenants WHERE id = ANY(ids)),
  moved AS (
    UPDATE analytics_platform_customer_mrr c SET channel = t.channel
    FROM target t, analytics_platform_customer_mrr was
    WHERE c."tenantId" = t.id AND c.channel <> t.channel
      AND was.scope = c.scope AND was."tenantId" = c."tenantId" AND was.currency = c.currency AND was.month = c.month
    RETURNING c.scope, c.currency, c.month, c.kind, was.channel AS before, c.channel AS after)
  INSERT INTO analytics_platform_channel_month_deltas AS d (txid, scope, currency, month, channel, customers)
  SELECT tx, scope, currency, month, channel, sum(customers)::int FROM (
    SELECT scope, currency, month, before AS channel, -1 AS customers FROM moved WHERE kind = 'new'
    UNION ALL
    SELECT scope, currency, month, after, 1 FROM moved WHERE kind = 'new') AS m
  GROUP BY 2, 3, 4, 5
  ON CONFLICT (txid, scope, currency, month, channel) DO UPDATE SET customers = d.customers + EXCLUDED.customers;
  RETURN NULL;
END $$;

CREATE TRIGGER analytics_platform_channels_changed AFTER UPDATE ON "tenants"
  REFERENCING OLD TABLE AS analytics_old_rows NEW TABLE AS analytics_new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_platform_channels_changed();

-- What is recorded already.
UPDATE analytics_platform_customer_mrr c SET channel = t."acquisitionChannel"
FROM tenants t WHERE t.id = c."tenantId" AND t."acquisitionChannel" IS NOT NULL;
INSERT INTO analytics_platform_channel_months (scope, currency, month, channel, customers)
SELECT scope, currency, month, channel, count(*)::int FROM analytics_platform_customer_mrr WHERE kind = 'new'
GROUP BY 1, 2, 3, 4;
WITH scopes(scope) AS (VALUES ('all'), ('real')),
latest AS (
  SELECT DISTINCT ON (sv."tenantId", sv."subscriptionId") sv."tenantId", sv.tier::text AS tier, sv.currency, sv.mrr, sub.provider
  FROM subscription_versions sv
  JOIN subscriptions sub ON sub."tenantId" = sv."tenantId" AND sub.id = sv."subscriptionId"
  ORDER BY sv."tenantId", sv."subscriptionId", sv."effectiveAt" DESC)
INSERT INTO analytics_platform_customer_tiers (scope, "tenantId", tier, currency, mrr)
SELECT s.scope, l."tenantId", l.tier, l.currency, sum(l.mrr)::bigint
FROM latest l JOIN scopes s ON s.scope = 'all' OR l.provider <> 'LOCAL'
WHERE l.mrr > 0 GROUP BY 1, 2, 3, 4;
INSERT INTO analytics_platform_tier_mrr (scope, tier, currency, mrr, customers)
SELECT scope, tier, currency, sum(mrr), count(*)::int FROM analytics_platform_customer_tiers GROUP BY 1, 2, 3;

-- ─── Operator only ─────────────────────────────────────────────────────────────
REVOKE ALL ON FUNCTION analytics_platform_revenue_tx() FROM PUBLIC;
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tessera_app') THEN
    REVOKE ALL ON "analytics_platform_revenue_pending", "analytics_platform_mrr_movement_deltas",
      "analytics_platform_money_month_deltas", "analytics_platform_trial_month_deltas",
      "analytics_platform_channel_months", "analytics_platform_channel_month_deltas",
      "analytics_platform_customer_tiers", "analytics_platform_tier_mrr",
      "analytics_platform_tier_mrr_deltas" FROM tessera_app;
  END IF;
END $$;
ALTER TABLE "analytics_platform_revenue_pending" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "analytics_platform_mrr_movement_deltas" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "analytics_platform_money_month_deltas" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "analytics_platform_trial_month_deltas" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "analytics_platform_channel_months" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "analytics_platform_channel_month_deltas" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "analytics_platform_customer_tiers" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "analytics_platform_tier_mrr" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "analytics_platform_tier_mrr_deltas" ENABLE ROW LEVEL SECURITY;
