/**
 * Calendar arithmetic for the managers' reports: days, periods and months, without a clock.
 * A day is a calendar date `YYYY-MM-DD`; an event's day is its date in the UK (Europe/London).
 */

import { addMonthsMs } from '../domain/calendar-months';

export { addMonthsToInstant } from '../domain/calendar-months';

export const INTERVALS = ['week', 'month', 'quarter'] as const;
export type Interval = (typeof INTERVALS)[number];

export const INTERVAL_LABELS: Record<Interval, string> = { week: 'Week', month: 'Month', quarter: 'Quarter' };

const DAY_MS = 86_400_000;

const toDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string): number => Date.parse(`${day}T00:00:00Z`);

/** A real calendar date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(dayMs(value)) && toDay(dayMs(value)) === value;
}

/** The days a report may name: the years of real records, so that day arithmetic stays in range. */
export const FIRST_REPORT_DAY = '1900-01-01';
export const LAST_REPORT_DAY = '2100-12-31';

/** Whether `day` is within FIRST_REPORT_DAY..LAST_REPORT_DAY, compared as days, not as text. */
export function isReportDay(day: string): boolean {
  return isDay(day) && daysBetween(FIRST_REPORT_DAY, day) >= 0 && daysBetween(day, LAST_REPORT_DAY) >= 0;
}

export function addDays(day: string, days: number): string {
  return toDay(dayMs(day) + days * DAY_MS);
}

/** Whole days from one date to another (negative if `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayMs(to) - dayMs(from)) / DAY_MS);
}

/** Calendar months later (or earlier), the day clamped to the month's end: 31 Jan + 1 month = 28/29 Feb. */
export function addMonths(day: string, months: number): string {
  return toDay(addMonthsMs(dayMs(day), months));
}

/**
 * British Summer Time: from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday
 * of October (the Summer Time Order 2002), so a step recorded at 23:30 UTC on a summer evening
 * counts on the next day, as it did on the worker's calendar.
 */
const summerTime = new Map<number, [number, number]>();
function summerTimeOf(year: number): [number, number] {
  let bounds = summerTime.get(year);
  if (!bounds) {
    const lastSunday = (month: number) => {
      const last = Date.UTC(year, month + 1, 0, 1);
      return last - new Date(last).getUTCDay() * DAY_MS;
    };
    bounds = [lastSunday(2), lastSunday(9)];
    summerTime.set(year, bounds);
  }
  return bounds;
}

/** The UK calendar date (Europe/London) of an instant. */
export function ukDay(instant: string): string {
  const ms = Date.parse(instant);
  const [start, end] = summerTimeOf(new Date(ms).getUTCFullYear());
  return toDay(ms >= start && ms < end ? ms + 3_600_000 : ms);
}

/** ISO 8601 week: weeks start on Monday; week 1 is the week with the year's first Thursday. */
export function isoWeek(day: string): { year: number; week: number } {
  const ms = dayMs(day);
  const weekday = (new Date(ms).getUTCDay() + 6) % 7; // Monday 0 .. Sunday 6
  const thursday = new Date(ms + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return { year, week };
}

/** `2026-W05`, `2026-01` or `2026-Q1`. */
export function periodOf(day: string, interval: Interval): string {
  switch (interval) {
    case 'week': {
      const { year, week } = isoWeek(day);
      return `${year}-W${String(week).padStart(2, '0')}`;
    }
    case 'month':
      return day.slice(0, 7);
    case 'quarter':
      return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
  }
}

/** The first day of the period that holds `day`. */
function periodStart(day: string, interval: Interval): string {
  switch (interval) {
    case 'week':
      return addDays(day, -((new Date(dayMs(day)).getUTCDay() + 6) % 7));
    case 'month':
      return `${day.slice(0, 7)}-01`;
    case 'quarter': {
      const firstMonth = Math.floor((Number(day.slice(5, 7)) - 1) / 3) * 3 + 1;
      return `${day.slice(0, 4)}-${String(firstMonth).padStart(2, '0')}-01`;
    }
  }
}

/** Every period that has a day in `from`..`to` (inclusive), in order, with its first day. */
export function periodStartsBetween(from: string, to: string, interval: Interval): { period: string; start: string }[] {
  const periods: { period: string; start: string }[] = [];
  for (let start = periodStart(from, interval); daysBetween(start, to) >= 0;) {
    periods.push({ period: periodOf(start, interval), start });
    start = interval === 'week' ? addDays(start, 7) : addMonths(start, interval === 'month' ? 1 : 3);
  }
  return periods;
}

/** Every period that has a day in `from`..`to` (inclusive), in order: the rows of a report, zeros included. */
export function periodsBetween(from: string, to: string, interval: Interval): string[] {
  return periodStartsBetween(from, to, interval).map(({ period }) => period);
}
