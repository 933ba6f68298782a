// Placeholder (being written): the monthly revenue report computed from the ledger.
export interface RevenueReportOptions {
  /** Only these tenants (tests compare two tenant sets); all tenants when omitted. */
  tenantIds?: string[];
  from?: Date;
  to?: Date;
}

export async function loadRevenueReport(options: RevenueReportOptions = {}): Promise<unknown> {
  void options;
  throw new Error("not implemented yet");
}
