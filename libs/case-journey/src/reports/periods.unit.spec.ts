import fc from 'fast-check';
import {
  addMonths,
  daysBetween,
  isDay,
  isoWeek,
  periodOf,
  periodsBetween,
  periodStartsBetween,
  ukDay,
} from './periods';

describe('Report periods: labels', () => {
  it.each([
    ['2026-01-01', '2026-W01'], // a Thursday: week 1 of 2026
    ['2027-01-01', '2026-W53'], // a Friday: still the last week of 2026, which has 53
    ['2024-12-30', '2025-W01'], // a Monday in December that starts week 1 of the next year
    ['2021-01-03', '2020-W53'], // a Sunday
    ['2026-02-02', '2026-W06'],
  ])('Given %s, When labelled by ISO week, Then it is %s', (day, label) => {
    expect(periodOf(day, 'week')).toBe(label);
  });

  it.each([
    ['2026-01-01', '2026-Q1'],
    ['2026-03-31', '2026-Q1'],
    ['2026-04-01', '2026-Q2'],
    ['2026-09-30', '2026-Q3'],
    ['2026-12-31', '2026-Q4'],
  ])('Given %s, When labelled by quarter, Then it is %s', (day, label) => {
    expect(periodOf(day, 'quarter')).toBe(label);
  });

  it('Given any date, When labelled by month, Then it is its year and month', () => {
    expect(periodOf('2026-11-30', 'month')).toBe('2026-11');
  });

  it('Given any date, When labelled by ISO week, Then the week agrees with the ISO rule that weeks start on Monday and belong to the year of their Thursday', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }), (ms) => {
        const day = new Date(ms).toISOString().slice(0, 10);
        const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
        const monday = new Date(Date.parse(`${day}T00:00:00Z`) - weekday * 86_400_000).toISOString().slice(0, 10);
        const thursday = new Date(Date.parse(`${monday}T00:00:00Z`) + 3 * 86_400_000).toISOString().slice(0, 10);
        const { year, week } = isoWeek(day);
        expect(year).toBe(Number(thursday.slice(0, 4)));
        expect(week).toBe(Math.floor(daysBetween(`${year}-01-01`, thursday) / 7) + 1);
        expect(isoWeek(monday)).toEqual({ year, week });
      }),
    );
  });
});

describe('Report periods: every period of a range, in order', () => {
  it('Given a calendar year, When split by month, Then there are 12 months', () => {
    expect(periodsBetween('2026-01-01', '2026-12-31', 'month')).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
    ]);
  });

  it('Given a range starting and ending mid-period, When split by quarter, Then the partial quarters at both ends are included', () => {
    expect(periodsBetween('2025-11-15', '2026-04-01', 'quarter')).toEqual(['2025-Q4', '2026-Q1', '2026-Q2']);
  });

  it('Given a range across the new year, When split by ISO week, Then week 53 and week 1 follow each other', () => {
    expect(periodsBetween('2026-12-31', '2027-01-10', 'week')).toEqual(['2026-W53', '2027-W01']);
  });

  it('Given a range starting on the 31st, When split by month, Then no short month is skipped', () => {
    expect(periodsBetween('2026-01-31', '2026-03-01', 'month')).toEqual(['2026-01', '2026-02', '2026-03']);
  });

  it('Given a range starting mid-period, When split, Then each period starts on its first day (Monday, the 1st, the quarter’s first month)', () => {
    expect(periodStartsBetween('2026-01-01', '2026-01-12', 'week')).toEqual([
      { period: '2026-W01', start: '2025-12-29' },
      { period: '2026-W02', start: '2026-01-05' },
      { period: '2026-W03', start: '2026-01-12' },
    ]);
    expect(periodStartsBetween('2026-02-15', '2026-03-01', 'month').map((p) => p.start)).toEqual([
      '2026-02-01',
      '2026-03-01',
    ]);
    expect(periodStartsBetween('2026-05-15', '2026-07-01', 'quarter').map((p) => p.start)).toEqual([
      '2026-04-01',
      '2026-07-01',
    ]);
  });

  it('Given a single day, When split, Then it is one period', () => {
    expect(periodsBetween('2026-05-05', '2026-05-05', 'week')).toEqual(['2026-W19']);
  });

  it('Given any range, When split by week, Then every day of the range falls in a listed period and the periods are distinct', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2035, 0, 1) }),
        fc.integer({ min: 0, max: 400 }),
        (ms, length) => {
          const from = new Date(ms).toISOString().slice(0, 10);
          const to = new Date(ms + length * 86_400_000).toISOString().slice(0, 10);
          const periods = periodsBetween(from, to, 'week');
          expect(new Set(periods).size).toBe(periods.length);
          for (
            let day = from;
            day <= to;
            day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
          ) {
            expect(periods).toContain(periodOf(day, 'week'));
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('Report periods: calendar arithmetic', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-05-15', -12, '2025-05-15'],
    ['2024-02-29', 12, '2025-02-28'],
  ])('Given %s, When %i months are added, Then it is %s', (day, months, expected) => {
    expect(addMonths(day, months)).toBe(expected);
  });

  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2024-02-29', true],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['2026-01-01T00:00:00Z', false],
  ])('Given %s, When checked as a date, Then valid is %s', (value, valid) => {
    expect(isDay(value)).toBe(valid);
  });
});

describe('Report periods: the UK day of an instant', () => {
  it.each([
    ['2026-03-29T00:59:59Z', '2026-03-29'],
    ['2026-03-29T23:30:00Z', '2026-03-30'], // British Summer Time: 00:30 the next day
    ['2026-10-24T23:30:00Z', '2026-10-25'],
    ['2026-10-25T23:30:00Z', '2026-10-25'], // back on GMT
    ['2026-01-15T23:59:59Z', '2026-01-15'],
  ])('Given %s, When dated in the UK, Then it is %s', (instant, day) => {
    expect(ukDay(instant)).toBe(day);
  });

  it('Given any instant from 2015 to 2035, When dated in the UK, Then the day is the one the time-zone database gives for Europe/London', () => {
    const london = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2035, 11, 31) }), (ms) => {
        expect(ukDay(new Date(ms).toISOString())).toBe(london.format(new Date(ms)));
      }),
      { numRuns: 2000 },
    );
  });
});
