import fc from 'fast-check';
import { childKey, durabilityWindow, isReReferral, percentileCont, rate } from './measures';

describe('Percentiles of days at a level', () => {
  it('Given days 1, 2, 3 and 4, When the median and 90th percentile are taken, Then they are 2.5 and 3.7 (interpolated)', () => {
    const days = [1, 2, 3, 4].map((value) => ({ value, count: 1 }));
    expect(percentileCont(days, 0.5)).toBe(2.5);
    expect(percentileCont(days, 0.9)).toBeCloseTo(3.7, 10);
  });

  it('Given 10 days seen three times and 20 days once, When the 90th percentile is taken, Then it is 17', () => {
    expect(
      percentileCont(
        [
          { value: 20, count: 1 },
          { value: 10, count: 3 },
        ],
        0.9,
      ),
    ).toBeCloseTo(17, 10);
    expect(
      percentileCont(
        [
          { value: 20, count: 1 },
          { value: 10, count: 3 },
        ],
        0.5,
      ),
    ).toBe(10);
  });

  it('Given a single exit, When percentiles are taken, Then both are its days', () => {
    expect(percentileCont([{ value: 42, count: 1 }], 0.9)).toBe(42);
  });

  it('Given no exits, When percentiles are taken, Then there is none', () => {
    expect(percentileCont([], 0.5)).toBeNull();
    expect(percentileCont([{ value: 3, count: 0 }], 0.5)).toBeNull();
  });

  it('Given any list of days, When counted into frequencies, Then the percentile equals the one of the sorted list', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (days, fraction) => {
          const sorted = [...days].sort((a, b) => a - b);
          const position = fraction * (sorted.length - 1);
          const expected =
            sorted[Math.floor(position)] +
            (position - Math.floor(position)) * (sorted[Math.ceil(position)] - sorted[Math.floor(position)]);
          const counts = new Map<number, number>();
          for (const day of days) counts.set(day, (counts.get(day) ?? 0) + 1);
          expect(
            percentileCont(
              [...counts].map(([value, count]) => ({ value, count })),
              fraction,
            ),
          ).toBeCloseTo(expected, 9);
        },
      ),
    );
  });
});

describe('Step-down durability windows', () => {
  const down = '2026-01-31T10:00:00.000Z';
  it.each([
    ['2026-02-01T10:00:00.000Z', 3],
    ['2026-04-30T10:00:00.000Z', 3], // 31 January + 3 months is 30 April
    ['2026-04-30T10:00:01.000Z', 6],
    ['2026-07-31T10:00:00.000Z', 6],
    ['2027-01-31T10:00:00.000Z', 12],
    ['2027-01-31T10:00:01.000Z', null],
    ['2026-01-31T10:00:00.000Z', null], // not after the step down
  ])(
    'Given a step down from specialist on 31 January 2026, When the child is back at specialist at %s, Then the window is %s',
    (backUpAt, window) => {
      expect(durabilityWindow(down, backUpAt)).toBe(window);
    },
  );
});

describe('Re-referrals (DfE: within 12 months of a previous referral of the same child)', () => {
  it.each([
    [['2025-03-01T09:00:00Z'], '2026-03-01T09:00:00Z', true],
    [['2025-03-01T09:00:00Z'], '2026-03-01T09:00:01Z', false],
    [['2024-02-29T12:00:00Z'], '2025-02-28T12:00:00Z', true],
    [['2024-02-29T12:00:00Z'], '2025-03-01T00:00:00Z', false],
    [['2023-01-01T00:00:00Z', '2025-06-01T00:00:00Z'], '2025-12-01T00:00:00Z', true],
    [[], '2025-12-01T00:00:00Z', false],
    [['2026-01-01T00:00:00Z'], '2025-12-01T00:00:00Z', false], // the earlier referral is not a re-referral of a later one
  ])('Given previous referrals %j, When referred at %s, Then re-referral is %s', (previous, at, expected) => {
    expect(isReReferral(previous, at)).toBe(expected);
  });
});

describe('The same child across cases', () => {
  it('Given the same child recorded twice with different capitals and spaces, When keyed, Then the keys are equal; a sibling differs', () => {
    const child = { givenName: 'Amira', familyName: 'Khan', dateOfBirth: '2015-04-02' };
    expect(childKey('f1', { ...child, givenName: ' amira ' })).toBe(childKey('f1', child));
    expect(childKey('f1', { ...child, givenName: 'Zara' })).not.toBe(childKey('f1', child));
    expect(childKey('f2', child)).not.toBe(childKey('f1', child));
  });
});

describe('Rates', () => {
  it('Given 1 of 3, When a rate is taken, Then it is rounded to 3 places; with nothing to divide by it is the fallback', () => {
    expect(rate(1, 3, null)).toBe(0.333);
    expect(rate(2, 3, null)).toBe(0.667);
    expect(rate(0, 0, 0)).toBe(0);
    expect(rate(0, 0, null)).toBeNull();
  });
});
