// Placeholder (being written): renews, ends and retries local subscriptions when their period ends.
export interface LocalRenewalReport {
  renewed: number;
  canceled: number;
  failed: number;
}

export async function advanceLocalSubscriptions(now = new Date()): Promise<LocalRenewalReport> {
  void now;
  throw new Error("not implemented yet");
}
