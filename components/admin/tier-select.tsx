"use client";

import type { FieldControlProps } from "@/components/ui/field";
import { FieldSelect } from "@/components/ui/field-select";
import type { Tier } from "@/lib/db/generated/enums";
import { TIER_DEFINITIONS, TIERS } from "@/lib/tenancy/tiers";

/**
 * A tier picker for a `<Field>`: `{(field) => <TierSelect field={field} value={tier} onValueChange={setTier} />}`.
 * `current` marks that tier "(current)".
 */
export function TierSelect({
  field,
  value,
  onValueChange,
  tiers = TIERS,
  current,
}: {
  field: FieldControlProps;
  value: Tier;
  onValueChange: (tier: Tier) => void;
  tiers?: readonly Tier[];
  current?: Tier;
}) {
  const options = tiers.map((t) => ({
    value: t,
    label: `${TIER_DEFINITIONS[t].label}${t === current ? " (current)" : ""}`,
  }));
  return (
    <FieldSelect field={field} options={options} value={value} onValueChange={(next) => onValueChange(next as Tier)} />
  );
}
