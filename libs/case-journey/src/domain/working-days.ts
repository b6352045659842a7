/**
 * Working days in England and Wales: Monday to Friday, not a bank holiday. Used for the
 * timescales counted in working days (R13 one working day; s17 45; ICPC 15).
 * Bank holidays follow the statutory pattern plus the one-off changes proclaimed since 1971.
 */

const ONE_DAY_MS = 24 * 60 * 60 * 1000;

/** One-off proclamations since the Banking and Financial Dealings Act 1971: days moved or added. */
const MOVED: Record<string, { remove?: string; add: string }[]> = {
  '1973': [{ add: '1973-11-14' }], // Wedding of Princess Anne
  '1977': [{ add: '1977-06-07' }], // Silver Jubilee
  '1981': [{ add: '1981-07-29' }], // Wedding of the Prince of Wales
  '1995': [{ remove: '1995-05-01', add: '1995-05-08' }], // VE Day 50th anniversary
  '1999': [{ add: '1999-12-31' }], // Millennium
  '2002': [
    { remove: '2002-05-27', add: '2002-06-04' }, // Golden Jubilee: spring bank holiday moved
    { add: '2002-06-03' }, // Golden Jubilee
  ],
  '2011': [{ add: '2011-04-29' }], // Wedding of Prince William
  '2012': [
    { remove: '2012-05-28', add: '2012-06-04' }, // Diamond Jubilee: spring bank holiday moved
    { add: '2012-06-05' }, // Diamond Jubilee
  ],
  '2020': [{ remove: '2020-05-04', add: '2020-05-08' }], // VE Day 75th anniversary
  '2022': [
    { remove: '2022-05-30', add: '2022-06-02' }, // Platinum Jubilee: spring bank holiday moved
    { add: '2022-06-03' }, // Platinum Jubilee
    { add: '2022-09-19' }, // State funeral of Queen Elizabeth II
  ],
  '2023': [{ add: '2023-05-08' }], // Coronation of King Charles III
};

/**
 * The years the calendar knows: from the 1971 Act to the end of the century (later one-off days
 * are not known yet). The API refuses dates outside them (400), so every timescale can be counted.
 */
export const BANK_HOLIDAY_YEARS = { from: 1971, to: 2099 } as const;

const cache = new Map<number, Set<string>>();

export function englandAndWalesBankHolidays(year: number): Set<string> {
  const known = cache.get(year);
  if (known) return known;
  if (year < BANK_HOLIDAY_YEARS.from || year > BANK_HOLIDAY_YEARS.to) {
    throw new RangeError(
      `bank holidays are known for ${BANK_HOLIDAY_YEARS.from}-${BANK_HOLIDAY_YEARS.to}, not ${year}`,
    );
  }
  const days = new Set<string>();
  const easter = easterSunday(year);
  if (year >= 1974) days.add(iso(substituteIfWeekend(utc(year, 0, 1)))); // New Year’s Day, since 1974
  days.add(iso(addDays(easter, -2))); // Good Friday
  days.add(iso(addDays(easter, 1))); // Easter Monday
  if (year >= 1978) days.add(iso(firstWeekdayOnOrAfter(utc(year, 4, 1), 1))); // early May: first Monday, since 1978
  days.add(iso(lastWeekdayOnOrBefore(utc(year, 4, 31), 1))); // spring: last Monday of May
  days.add(iso(lastWeekdayOnOrBefore(utc(year, 7, 31), 1))); // summer: last Monday of August
  // Christmas and Boxing Day: a weekend day is replaced by the next free weekday.
  const christmas = utc(year, 11, 25);
  const boxing = utc(year, 11, 26);
  const christmasObserved = substituteIfWeekend(christmas);
  let boxingObserved = substituteIfWeekend(boxing);
  if (iso(boxingObserved) === iso(christmasObserved)) boxingObserved = addDays(boxingObserved, 1);
  if (christmas.getUTCDay() === 6) boxingObserved = addDays(christmas, 3); // Sat/Sun -> Mon/Tue
  days.add(iso(christmasObserved));
  days.add(iso(boxingObserved));
  for (const change of MOVED[String(year)] ?? []) {
    if (change.remove) days.delete(change.remove);
    days.add(change.add);
  }
  cache.set(year, days);
  return days;
}

export function isWorkingDay(date: Date): boolean {
  const day = date.getUTCDay();
  return day !== 0 && day !== 6 && !englandAndWalesBankHolidays(date.getUTCFullYear()).has(iso(date));
}

/**
 * The moment `workingDays` working days after `from` (same time of day), skipping weekends and
 * bank holidays. Dates are taken in UTC, which matches UK dates to within an hour.
 */
export function addWorkingDays(from: string, workingDays: number): string {
  let date = new Date(from);
  let remaining = workingDays;
  while (remaining > 0) {
    date = new Date(date.getTime() + ONE_DAY_MS);
    if (isWorkingDay(date)) remaining--;
  }
  return date.toISOString();
}

/** The end (23:59:59.999, UTC dates as above) of the working day after `from`: "within one working day" (R13). */
export function endOfNextWorkingDay(from: string): string {
  return `${addWorkingDays(from, 1).slice(0, 10)}T23:59:59.999Z`;
}

/** R35: recorded more than `workingDays` working days after it happened. */
export function isRecordedLate(occurredAt: string, recordedAt: string, workingDays: number): boolean {
  return Date.parse(recordedAt) > Date.parse(addWorkingDays(occurredAt, workingDays));
}

export function addHours(from: string, hours: number): string {
  return new Date(Date.parse(from) + hours * 60 * 60 * 1000).toISOString();
}

/** Anonymous Gregorian computus. */
function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return utc(year, month - 1, day);
}

const utc = (year: number, month: number, day: number) => new Date(Date.UTC(year, month, day));
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * ONE_DAY_MS);
const iso = (date: Date) => date.toISOString().slice(0, 10);

function substituteIfWeekend(date: Date): Date {
  const day = date.getUTCDay();
  return day === 6 ? addDays(date, 2) : day === 0 ? addDays(date, 1) : date;
}

function firstWeekdayOnOrAfter(date: Date, weekday: number): Date {
  return addDays(date, (weekday - date.getUTCDay() + 7) % 7);
}

function lastWeekdayOnOrBefore(date: Date, weekday: number): Date {
  return addDays(date, -((date.getUTCDay() - weekday + 7) % 7));
}
