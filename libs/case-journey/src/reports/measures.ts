import { addMonthsToInstant } from './periods';

/** How many times a value was seen: a compact distribution (days at a level are whole days). */
export interface Frequency {
  value: number;
  count: number;
}

/**
 * The continuous percentile (as PostgreSQL's `percentile_cont`): the value at `fraction` of the way
 * through the sorted values, interpolated between the two nearest. Null when there are none.
 */
export function percentileCont(frequencies: readonly Frequency[], fraction: number): number | null {
  const sorted = [...frequencies].filter((f) => f.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, f) => sum + f.count, 0);
  if (total === 0) return null;
  const position = fraction * (total - 1);
  const lower = Math.floor(position);
  const valueAt = (index: number): number => {
    let seen = 0;
    for (const f of sorted) {
      seen += f.count;
      if (index < seen) return f.value;
    }
    return sorted[sorted.length - 1].value;
  };
  const low = valueAt(lower);
  return low + (position - lower) * (valueAt(Math.ceil(position)) - low);
}

/** The windows of step-down durability, in months. */
export const DURABILITY_WINDOWS = [3, 6, 12] as const;
export type DurabilityWindow = (typeof DURABILITY_WINDOWS)[number];

/**
 * A step down from specialist held if the child did not come back up to specialist. Returns the
 * smallest window (3, 6 or 12 calendar months after the step down) within which they came back
 * up, or null if it was later than 12 months (or not after the step down at all).
 */
export function durabilityWindow(steppedDownAt: string, backUpAt: string): DurabilityWindow | null {
  const back = Date.parse(backUpAt);
  if (back <= Date.parse(steppedDownAt)) return null;
  return DURABILITY_WINDOWS.find((months) => back <= Date.parse(addMonthsToInstant(steppedDownAt, months))) ?? null;
}

export { isReReferral } from '../domain/calendar-months';

/**
 * The same child across cases: Windscreen has no child id beyond the case, so a child who comes
 * back as a new case is recognised by family, names and date of birth (or expected date of
 * birth) as first recorded, ignoring case and surrounding spaces.
 */
export function childKey(
  familyId: string,
  child: { givenName: string; familyName: string; dateOfBirth?: string; expectedDateOfBirth?: string },
): string {
  const name = (value: string) => value.trim().toLowerCase();
  return [
    familyId,
    name(child.givenName),
    name(child.familyName),
    child.dateOfBirth ?? child.expectedDateOfBirth ?? '',
  ].join('|');
}

/** A share 0..1, rounded to 3 places; `whenNone` if there is nothing to divide by. */
export function rate<T>(part: number, whole: number, whenNone: T): number | T {
  return whole === 0 ? whenNone : Math.round((part / whole) * 1000) / 1000;
}
