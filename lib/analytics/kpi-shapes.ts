// The shapes of the SaaS KPIs: what the KPI code takes (ledger, tenant and activity rows, or the
// summaries the database made of them) and what it answers, with the two rounding rules every
// figure follows (rates to four decimals, money to whole minor units). kpi-math.ts computes.
import type { MoneyInput, MovementKind, VersionInput } from "../billing/reports/revenue-math";

export interface KpiVersion extends VersionInput {
  /** The subscription's status in this version ("TRIALING", "ACTIVE", …). */
  status: string;
}

export interface KpiMoney extends MoneyInput {
  tenantId: string;
}

export interface KpiTenant {
  id: string;
  createdAt: Date;
  /** The acquisition channel the workspace signed up through (null: unknown / organic). */
  channel: string | null;
}

export interface KpiSpend {
  /** "YYYY-MM" */
  month: string;
  channel: string;
  currency: string;
  /** Minor units. */
  amount: number;
}

export interface KpiActivity {
  tenantId: string;
  userId: string;
  /** "YYYY-MM-DD" (UTC) */
  day: string;
}

/**
 * Activity already counted by the database (what the loader reads instead of every row, so the
 * operator's KPIs do not ship a year of user-days to the process): distinct users per day and per
 * month across workspaces, and the months each workspace had an active member.
 */
export interface KpiActivitySummary {
  dau: readonly { day: string; users: number }[];
  mau: readonly { month: string; users: number }[];
  tenantMonths: readonly { tenantId: string; month: string }[];
}

/**
 * Cohort retention already counted by the database (the platform rollups): workspaces created per
 * month, and per signup month the workspaces with an active member in each later month.
 */
export interface KpiCohortSummary {
  sizes: readonly { month: string; workspaces: number }[];
  retained: readonly { cohort: string; month: string; workspaces: number }[];
}

/**
 * The ledger already summed by the database (the platform revenue rollups, kept by triggers; migration
 * 20261203122517_analytics_platform_revenue): what the loader reads instead of every subscription
 * version, payment and refund. Movements and money cover every month up to the range's end (MRR and
 * customers are their running sums; observed LTV is cumulative); channels and trials the range.
 */
export interface KpiLedgerSummary {
  movements: readonly { month: string; currency: string; kind: MovementKind; amount: number; customers: number }[];
  money: readonly {
    month: string;
    currency: string;
    cash: number;
    /** Payments with a positive amount only. */
    positiveCash: number;
    refunds: number;
    /** Payments and refunds with a non-zero amount (a currency with any is in the report). */
    moneyRows: number;
    /** Customers whose first positive payment in the currency was this month. */
    newPayers: number;
  }[];
  /** New customers per month, currency and acquisition channel (null: none). */
  newByChannel: readonly { month: string; currency: string; channel: string | null; customers: number }[];
  /** Trials per start month, and how many of them earned MRR by the range's end. */
  trials: readonly { month: string; trials: number; converted: number }[];
}

export interface KpiInput {
  versions: readonly KpiVersion[];
  payments: readonly KpiMoney[];
  refunds: readonly KpiMoney[];
  tenants: readonly KpiTenant[];
  spend: readonly KpiSpend[];
  activity: readonly KpiActivity[];
  /** When present, used instead of `activity` (which is then empty). */
  activitySummary?: KpiActivitySummary;
  /** When present, the retention cohorts come from it (`tenants` then only lend channels). */
  cohortSummary?: KpiCohortSummary;
  /** When present, MRR, movements, money, channels and trials come from it (versions, payments and refunds are then empty). */
  ledgerSummary?: KpiLedgerSummary;
}

export interface KpiRange {
  from: string;
  to: string;
  /** The last instant the activity figures may count (defaults to the end of `to`). */
  asOf?: Date;
}

/** Months of history behind LTV's churn rate (pooled over this many months, the month included). */
export const LTV_CHURN_WINDOW = 3;

export interface CurrencyKpiMonth {
  month: string;
  mrr: number;
  arr: number;
  /** Paying customers (MRR > 0) at the month's end. */
  customers: number;
  /** Paying customers at the previous month's end. */
  startCustomers: number;
  startMrr: number;
  /** MRR ÷ customers (minor units, rounded), null without customers. */
  arpu: number | null;
  newCustomers: number;
  reactivatedCustomers: number;
  churnedCustomers: number;
  /** Churned customers ÷ customers at the start, as a fraction (null when none at the start). */
  logoChurn: number | null;
  /** (Churned + contraction MRR) ÷ MRR at the start. */
  revenueChurn: number | null;
  /** (Start MRR + expansion − contraction − churn) ÷ start MRR: the start customers' MRR now. */
  nrr: number | null;
  /** Logo churn pooled over the trailing LTV_CHURN_WINDOW months. */
  ltvChurn: number | null;
  /** ARPU ÷ pooled logo churn (minor units), null when nobody churned in the window. */
  ltv: number | null;
  /** Net cash (payments − refunds) to the month's end ÷ customers who ever paid in the currency. */
  ltvObserved: number | null;
  /** Acquisition spend in the month (this currency). */
  spend: number;
  /** Spend ÷ new customers, null without new customers. */
  cac: number | null;
  ltvCac: number | null;
  cashCollected: number;
  refunds: number;
  netRevenue: number;
}

export interface ChannelCac {
  month: string;
  channel: string;
  currency: string;
  spend: number;
  newCustomers: number;
  cac: number | null;
}

export interface TrialCohort {
  /** Month the trials started. */
  month: string;
  trials: number;
  converted: number;
  rate: number | null;
}

export interface RetentionCohort {
  /** Signup month. */
  month: string;
  size: number;
  /** retained[k] = tenants of the cohort active in month + k (k = 0 … until `to`). */
  retained: number[];
  rates: number[];
}

export interface ActivityMonth {
  month: string;
  /** Mean of the daily distinct active users over the month's days (to asOf), 2 decimals. */
  averageDau: number;
  /** Distinct users active in the calendar month. */
  mau: number;
  /** averageDau ÷ mau, null when nobody was active. */
  stickiness: number | null;
}

export interface ActivityDay {
  day: string;
  dau: number;
  /** Distinct users active in the 30 days ending this day. */
  mau30: number;
  stickiness: number | null;
}

export interface KpiReport {
  from: string;
  to: string;
  currencies: { currency: string; months: CurrencyKpiMonth[] }[];
  channelCac: ChannelCac[];
  trials: TrialCohort[];
  cohorts: RetentionCohort[];
  activity: ActivityMonth[];
}

export function ratio(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Math.round((numerator / denominator) * 10_000) / 10_000;
}

export const divideMoney = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : Math.round(numerator / denominator);
