/** Calendar months, for timescales and windows counted in months (R21 re-referrals, review conferences). */

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

/** Whole calendar months later (or earlier), the day clamped to the month's end: 31 Jan + 1 month = 28/29 Feb. */
export function addMonthsMs(ms: number, months: number): number {
  const at = new Date(ms);
  const month = at.getUTCMonth() + months;
  const year = at.getUTCFullYear() + Math.floor(month / 12);
  const monthOfYear = ((month % 12) + 12) % 12;
  const day = Math.min(at.getUTCDate(), daysInMonth(year, monthOfYear));
  return Date.UTC(
    year,
    monthOfYear,
    day,
    at.getUTCHours(),
    at.getUTCMinutes(),
    at.getUTCSeconds(),
    at.getUTCMilliseconds(),
  );
}

/** The same, for an instant (ISO 8601 date-time): its UTC date and time moved by whole months. */
export function addMonthsToInstant(instant: string, months: number): string {
  return new Date(addMonthsMs(Date.parse(instant), months)).toISOString();
}

/**
 * R28 (the DfE definition): a re-referral is a referral within 12 months of a previous referral
 * of the same child, counted against each referral's own date. The case's `ReferralRecorded` and
 * the re-referrals report both answer with this function.
 */
export function isReReferral(previousReferrals: readonly string[], referredAt: string): boolean {
  const at = Date.parse(referredAt);
  return previousReferrals.some((previous) => {
    const before = Date.parse(previous);
    return before < at && at <= Date.parse(addMonthsToInstant(previous, 12));
  });
}
