import { addWorkingDays, englandAndWalesBankHolidays, isWorkingDay } from './working-days';

describe('Working days in England and Wales', () => {
  it.each([
    [
      2026,
      ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
    ],
    [
      2022,
      [
        '2022-01-03',
        '2022-04-15',
        '2022-04-18',
        '2022-05-02',
        '2022-06-02',
        '2022-06-03',
        '2022-08-29',
        '2022-09-19',
        '2022-12-26',
        '2022-12-27',
      ],
    ],
    [
      2020,
      ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28'],
    ],
    [
      2023,
      [
        '2023-01-02',
        '2023-04-07',
        '2023-04-10',
        '2023-05-01',
        '2023-05-08',
        '2023-05-29',
        '2023-08-28',
        '2023-12-25',
        '2023-12-26',
      ],
    ],
    [
      2021,
      ['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28'],
    ],
    [
      2012,
      [
        '2012-01-02',
        '2012-04-06',
        '2012-04-09',
        '2012-05-07',
        '2012-06-04',
        '2012-06-05',
        '2012-08-27',
        '2012-12-25',
        '2012-12-26',
      ],
    ],
    [
      2011,
      [
        '2011-01-03',
        '2011-04-22',
        '2011-04-25',
        '2011-04-29',
        '2011-05-02',
        '2011-05-30',
        '2011-08-29',
        '2011-12-26',
        '2011-12-27',
      ],
    ],
  ])('Given %i, Then its bank holidays are the published ones', (year, expected) => {
    expect([...englandAndWalesBankHolidays(year)].sort()).toEqual(expected);
  });

  it('Given Good Friday 2026, Then it is not a working day; the Thursday before is', () => {
    expect(isWorkingDay(new Date('2026-04-03T10:00:00Z'))).toBe(false);
    expect(isWorkingDay(new Date('2026-04-02T10:00:00Z'))).toBe(true);
  });

  it('Given a Thursday before Easter, When one working day is added, Then it lands on the Tuesday after Easter Monday', () => {
    expect(addWorkingDays('2026-04-02T15:00:00.000Z', 1)).toBe('2026-04-07T15:00:00.000Z');
  });

  it('Given a Friday, When one working day is added, Then Monday', () => {
    expect(addWorkingDays('2026-03-06T09:00:00.000Z', 1)).toBe('2026-03-09T09:00:00.000Z');
  });

  it('Given Christmas Eve 2026 (Thursday), When 2 working days are added, Then 30 December (25th, the weekend and the substitute 28th skipped)', () => {
    expect(addWorkingDays('2026-12-24T09:00:00.000Z', 2)).toBe('2026-12-30T09:00:00.000Z');
  });

  it('Given a year outside the calendar (before the 1971 Act, or past 2099), Then it says so rather than guess', () => {
    expect(() => englandAndWalesBankHolidays(1970)).toThrow(RangeError);
    expect(() => englandAndWalesBankHolidays(2100)).toThrow(RangeError);
    expect(englandAndWalesBankHolidays(2040).size).toBe(8);
  });
});
