// Payout items are platform-level (the operator pays affiliates or refunds): their status follows
// the provider's webhooks with the same newer-wins rule as the tenant ledger.
import type { Prisma } from "../db/generated/client";
import type { PayoutItemState } from "./events";
import { isNewer, STATUS_RANK } from "./ordering";

type Tx = Prisma.TransactionClient;

/** Applies one item state; returns false when the item is not (yet) known, so the event is retried. */
export async function applyPayoutItem(tx: Tx, e: PayoutItemState): Promise<boolean> {
  const item =
    (await tx.payoutItem.findUnique({ where: { providerItemId: e.providerItemId } })) ??
    (e.senderItemId ? await tx.payoutItem.findUnique({ where: { senderItemId: e.senderItemId } }) : null);
  if (!item) return false;
  const stored = item.providerUpdatedAt
    ? { at: item.providerUpdatedAt, rank: STATUS_RANK.payout[item.status], tiebreak: "" }
    : null;
  if (isNewer({ at: e.at, rank: STATUS_RANK.payout[e.status], tiebreak: "" }, stored)) {
    await tx.payoutItem.update({
      where: { id: item.id },
      data: { status: e.status, providerItemId: e.providerItemId, providerUpdatedAt: e.at },
    });
  }
  return true;
}
