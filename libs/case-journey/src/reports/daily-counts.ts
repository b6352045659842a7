import { LEVELS_OF_NEED } from '../domain/levels-of-need';

/**
 * The counters of `report_daily`: one row per UK day, area and team, so that a report over a year
 * sums a few thousand rows whatever the number of children. (Migration 1767000000010 creates these
 * columns; the list here must stay the same.)
 */
export const FLOW_PAIRS: readonly { from: string; to: string; column: string }[] = [
  'new_contact',
  ...LEVELS_OF_NEED,
].flatMap((from) =>
  [...LEVELS_OF_NEED, 'closed']
    .filter((to) => to !== from)
    .map((to) => ({ from, to, column: `flow_${from}_to_${to}` })),
);

/** Early help counters and the fact kinds they count. */
export const EARLY_HELP_KINDS = [
  'eha_started',
  'eha_completed',
  'taf_convened',
  'tac_convened',
  'hub_escalated_to_mash',
  'hub_district_early_help',
  'hub_signposted',
  'hub_advice_and_information',
  'keep_in_touch_started',
] as const;

export const DAILY_COUNTERS = [
  'step_ups',
  'step_downs',
  'referrals',
  're_referrals',
  ...EARLY_HELP_KINDS,
  'stepped_down_from_specialist',
  'back_up_within_3',
  'back_up_within_6',
  'back_up_within_12',
  ...FLOW_PAIRS.map((pair) => pair.column),
  // R35 (migration 1767000000023)
  'entries_recorded',
  'entries_recorded_late',
] as const;

export type DailyCounter = (typeof DAILY_COUNTERS)[number];

/** What one fact adds to its day's counters (or, negated, takes away when it moves area). */
export type Contribution = Partial<Record<string, number>>;

export function moveContribution(move: {
  direction: string;
  from: string;
  to: string;
  repeatSince: string | null;
}): Contribution {
  const contribution: Contribution = {};
  if (move.direction === 'up') contribution.step_ups = 1;
  if (move.direction === 'down') contribution.step_downs = 1;
  // A move the case already made before counts in the flow only if that was before the range.
  if (!move.repeatSince) contribution[`flow_${move.from}_to_${move.to}`] = 1;
  return contribution;
}

export function referralContribution(reReferral: boolean): Contribution {
  return reReferral ? { referrals: 1, re_referrals: 1 } : { referrals: 1 };
}

/** The child came back up to specialist within 3, 6 or 12 months of a step down (the windows are cumulative). */
export function backUpContribution(backUpWithin: number | null): Contribution {
  const contribution: Contribution = {};
  for (const months of [3, 6, 12])
    if (backUpWithin !== null && backUpWithin <= months) contribution[`back_up_within_${months}`] = 1;
  return contribution;
}

/** A step down from specialist, with its back-up windows once known. */
export function stepDownContribution(backUpWithin: number | null): Contribution {
  return { stepped_down_from_specialist: 1, ...backUpContribution(backUpWithin) };
}
