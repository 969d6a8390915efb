import { describe, expect, it } from 'vitest';
import type { PeriodScheme } from './periods.ts';
import {
  addDays,
  calendarDayIn,
  compareIsoDates,
  daysBetween,
  daysOverdue,
  deadlinesFor,
  isLeapYear,
  isValidIsoDate,
  isWithinPeriod,
  nextPeriod,
  parseIsoDate,
  periodContaining,
  periodFor,
  previousPeriod,
  registrationWindow,
  toIsoDate,
  tt124PeriodScheme,
  validatePeriodScheme,
} from './periods.ts';

const tt124 = tt124PeriodScheme;

/** Windows with a 29 February edge, for the leap-day tests. */
const endOfFebruaryScheme: PeriodScheme = {
  id: 'endOfFebruary',
  title: { vi: 'Kỳ kết thúc cuối tháng Hai' },
  windows: [
    { unitKinds: ['a'], start: { month: 3, day: 1 }, end: { month: 2, day: 29 } },
    { unitKinds: ['b'], start: { month: 2, day: 29 }, end: { month: 2, day: 28 } },
  ],
  registration: { unitKinds: ['a'], from: { month: 12, day: 1 }, to: { month: 2, day: 29 } },
  deadlines: [
    { id: 'report', title: { vi: 'Báo cáo' }, unitKinds: ['a'], month: 2, day: 29, yearOffset: 1 },
  ],
};

function scheme(overrides: Partial<PeriodScheme>): PeriodScheme {
  return { id: 'test', title: { vi: 'Thử' }, windows: [], deadlines: [], ...overrides };
}

describe('isValidIsoDate / parseIsoDate / toIsoDate', () => {
  it.each(['2025-01-01', '2024-02-29', '2000-02-29', '2025-12-31', '0001-01-01', '9999-12-31'])('accepts %s', (d) => {
    expect(isValidIsoDate(d)).toBe(true);
  });

  it.each([
    '2025-02-29',
    '1900-02-29',
    '2025-02-30',
    '2025-04-31',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '2025-1-01',
    '25-01-01',
    '2025-01-01T00:00:00Z',
    ' 2025-01-01',
    '0000-01-01',
    '',
    'yesterday',
  ])('rejects %j', (d) => {
    expect(isValidIsoDate(d)).toBe(false);
    expect(parseIsoDate(d)).toBeUndefined();
  });

  it('rejects values that are not strings', () => {
    expect(isValidIsoDate(20250101)).toBe(false);
    expect(isValidIsoDate(undefined)).toBe(false);
    expect(isValidIsoDate(null)).toBe(false);
  });

  it('parses into integers', () => {
    expect(parseIsoDate('2025-07-01')).toEqual({ year: 2025, month: 7, day: 1 });
  });

  it('formats with zero padding and rejects impossible dates', () => {
    expect(toIsoDate(25, 3, 9)).toBe('0025-03-09');
    expect(toIsoDate(2024, 2, 29)).toBe('2024-02-29');
    expect(toIsoDate(2025, 2, 29)).toBeUndefined();
    expect(toIsoDate(2025, 1.5, 1)).toBeUndefined();
    expect(toIsoDate(10000, 1, 1)).toBeUndefined();
  });

  it('knows the Gregorian leap-year rule', () => {
    expect([1900, 2000, 2023, 2024, 2100, 2400].map(isLeapYear)).toEqual([false, true, false, true, false, true]);
  });
});

describe('date arithmetic', () => {
  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2025-01-31', 1)).toBe('2025-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
    expect(addDays('2025-01-01', 365)).toBe('2026-01-01');
    expect(addDays('2025-06-15', 0)).toBe('2025-06-15');
  });

  it('returns undefined instead of throwing on bad input', () => {
    expect(addDays('2025-02-30', 1)).toBeUndefined();
    expect(addDays('2025-01-01', 1.5)).toBeUndefined();
    expect(addDays('2025-01-01', Number.NaN)).toBeUndefined();
    expect(addDays('0001-01-01', -1)).toBeUndefined();
    expect(addDays('9999-12-31', 1)).toBeUndefined();
  });

  it('counts days between dates', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2025-11-30', '2025-11-20')).toBe(-10);
    expect(daysBetween('1900-01-01', '2000-01-01')).toBe(36524);
    expect(daysBetween('2000-01-01', '2400-01-01')).toBe(146097);
    expect(daysBetween('2025-02-29', '2025-03-01')).toBeUndefined();
  });

  it('agrees with a day-by-day walk for every day from 1896 to 2105', () => {
    const next = (y: number, m: number, d: number): [number, number, number] => {
      const monthLength = [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
      if (d < monthLength) return [y, m, d + 1];
      return m < 12 ? [y, m + 1, 1] : [y + 1, 1, 1];
    };
    let [y, m, d] = [1896, 1, 1];
    let date = '1896-01-01';
    let count = 0;
    while (y < 2106) {
      const expected = toIsoDate(...next(y, m, d))!;
      const actual = addDays(date, 1);
      if (actual !== expected) expect(actual).toBe(expected);
      if (addDays(expected, -1) !== date) expect(addDays(expected, -1)).toBe(date);
      [y, m, d] = next(y, m, d);
      date = expected;
      count++;
    }
    expect(daysBetween('1896-01-01', date)).toBe(count);
  });

  it('compares dates', () => {
    expect(compareIsoDates('2025-01-01', '2025-01-02')).toBe(-1);
    expect(compareIsoDates('2025-11-15', '2025-11-15')).toBe(0);
    expect(compareIsoDates('2026-01-01', '2025-12-31')).toBe(1);
    expect(compareIsoDates('2025-02-30', '2025-01-01')).toBeUndefined();
    expect(compareIsoDates('2025-01-01', 'soon')).toBeUndefined();
  });

  it('counts days overdue, 0 on or before the deadline', () => {
    expect(daysOverdue('2025-11-30', '2025-11-29')).toBe(0);
    expect(daysOverdue('2025-11-30', '2025-11-30')).toBe(0);
    expect(daysOverdue('2025-11-30', '2025-12-01')).toBe(1);
    expect(daysOverdue('2025-11-30', '2026-01-01')).toBe(32);
    expect(daysOverdue('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysOverdue('2025-02-28', '2025-03-01')).toBe(1);
    expect(daysOverdue('2025-11-31', '2025-12-01')).toBeUndefined();
    expect(daysOverdue('2025-11-30', 'today')).toBeUndefined();
  });
});

describe('tt124PeriodScheme', () => {
  it('is a valid scheme', () => {
    expect(validatePeriodScheme(tt124).ok).toBe(true);
  });

  it('gives residential areas 1 Nov of the previous year → 31 Oct', () => {
    expect(periodFor(tt124, 'residentialArea', 2025)).toEqual({
      schemeId: 'tt124',
      unitKind: 'residentialArea',
      year: 2025,
      startsOn: '2024-11-01',
      endsOn: '2025-10-31',
    });
  });

  it.each(['commune', 'ward', 'specialZone', 'township', 'agency', 'enterprise', 'school'])(
    'gives a %s 16 Nov of the previous year → 15 Nov',
    (unitKind) => {
      expect(periodFor(tt124, unitKind, 2025)).toEqual({
        schemeId: 'tt124',
        unitKind,
        year: 2025,
        startsOn: '2024-11-16',
        endsOn: '2025-11-15',
      });
    },
  );

  it('has no period for kinds it does not assess', () => {
    expect(periodFor(tt124, 'province', 2025)).toBeUndefined();
    expect(periodFor(tt124, 'district', 2025)).toBeUndefined();
    expect(periodFor(tt124, 'religiousEstablishment', 2025)).toBeUndefined();
  });

  it('rejects a year that is not a whole number or is out of range', () => {
    expect(periodFor(tt124, 'commune', 2025.5)).toBeUndefined();
    expect(periodFor(tt124, 'commune', Number.NaN)).toBeUndefined();
    expect(periodFor(tt124, 'commune', 1)).toBeUndefined();
    expect(periodFor(tt124, 'commune', 10000)).toBeUndefined();
  });

  it('leaves back-to-back periods with no gap and no overlap', () => {
    for (const unitKind of ['residentialArea', 'commune']) {
      for (let year = 2016; year <= 2030; year++) {
        const period = periodFor(tt124, unitKind, year)!;
        const following = periodFor(tt124, unitKind, year + 1)!;
        expect(addDays(period.endsOn, 1)).toBe(following.startsOn);
        expect(daysBetween(period.startsOn, following.startsOn)).toBe(isLeapYear(year) ? 366 : 365);
      }
    }
  });
});

describe('periodContaining', () => {
  it('puts 2025-11-10 in the commune period 2025 but the residential-area period 2026', () => {
    expect(periodContaining(tt124, 'commune', '2025-11-10')?.year).toBe(2025);
    expect(periodContaining(tt124, 'residentialArea', '2025-11-10')).toMatchObject({
      year: 2026,
      startsOn: '2025-11-01',
      endsOn: '2026-10-31',
    });
  });

  it.each([
    ['commune', '2025-11-15', 2025],
    ['commune', '2025-11-16', 2026],
    ['commune', '2024-11-16', 2025],
    ['commune', '2025-01-01', 2025],
    ['commune', '2025-12-31', 2026],
    ['residentialArea', '2025-10-31', 2025],
    ['residentialArea', '2025-11-01', 2026],
    ['residentialArea', '2025-01-01', 2025],
    ['residentialArea', '2024-02-29', 2024],
    ['school', '2024-02-29', 2024],
  ])('finds the %s period for %s: %i', (unitKind, date, year) => {
    expect(periodContaining(tt124, unitKind, date)?.year).toBe(year);
  });

  it('returns undefined for an invalid date or an unknown kind', () => {
    expect(periodContaining(tt124, 'commune', '2025-02-30')).toBeUndefined();
    expect(periodContaining(tt124, 'commune', '30/11/2025')).toBeUndefined();
    expect(periodContaining(tt124, 'district', '2025-06-01')).toBeUndefined();
  });

  it('returns undefined for a date no window of the kind covers', () => {
    const academicYear = scheme({ windows: [{ unitKinds: ['school'], start: { month: 9, day: 5 }, end: { month: 5, day: 31 } }] });
    expect(periodContaining(academicYear, 'school', '2025-07-01')).toBeUndefined();
    expect(periodContaining(academicYear, 'school', '2025-09-05')).toMatchObject({ year: 2026, startsOn: '2025-09-05' });
  });

  it('handles a window inside one calendar year', () => {
    const calendarYear = scheme({ windows: [{ unitKinds: ['x'], start: { month: 1, day: 1 }, end: { month: 12, day: 31 } }] });
    expect(periodFor(calendarYear, 'x', 2025)).toMatchObject({ startsOn: '2025-01-01', endsOn: '2025-12-31' });
    expect(periodContaining(calendarYear, 'x', '2025-12-31')?.year).toBe(2025);
    expect(periodContaining(calendarYear, 'x', '2026-01-01')?.year).toBe(2026);
  });
});

describe('previousPeriod / nextPeriod', () => {
  it('steps one period back and forward', () => {
    const period = periodFor(tt124, 'commune', 2025)!;
    expect(previousPeriod(tt124, period)).toMatchObject({ year: 2024, startsOn: '2023-11-16', endsOn: '2024-11-15' });
    expect(nextPeriod(tt124, period)).toMatchObject({ year: 2026, startsOn: '2025-11-16', endsOn: '2026-11-15' });
  });

  it('accepts a period reference without dates', () => {
    expect(nextPeriod(tt124, { unitKind: 'residentialArea', year: 2025 })).toMatchObject({
      startsOn: '2025-11-01',
      endsOn: '2026-10-31',
    });
  });

  it('returns undefined for a period of another scheme or an unknown kind', () => {
    expect(previousPeriod(tt124, { schemeId: 'other', unitKind: 'commune', year: 2025 })).toBeUndefined();
    expect(nextPeriod(tt124, { unitKind: 'province', year: 2025 })).toBeUndefined();
  });
});

describe('isWithinPeriod', () => {
  const period = periodFor(tt124, 'commune', 2025)!;

  it('includes both ends', () => {
    expect(isWithinPeriod(period, '2024-11-16')).toBe(true);
    expect(isWithinPeriod(period, '2025-11-15')).toBe(true);
    expect(isWithinPeriod(period, '2024-11-15')).toBe(false);
    expect(isWithinPeriod(period, '2025-11-16')).toBe(false);
  });

  it('is false for an invalid date', () => {
    expect(isWithinPeriod(period, '2025-02-30')).toBe(false);
    expect(isWithinPeriod(period, '2025-6-1')).toBe(false);
    expect(isWithinPeriod({ startsOn: 'x', endsOn: '2025-01-01' }, '2024-06-01')).toBe(false);
  });
});

describe('registrationWindow', () => {
  it('is quarter 1 of the year the period ends in', () => {
    expect(registrationWindow(tt124, 'commune', 2025)).toEqual({ startsOn: '2025-01-01', endsOn: '2025-03-31' });
    expect(registrationWindow(tt124, 'residentialArea', 2026)).toEqual({ startsOn: '2026-01-01', endsOn: '2026-03-31' });
  });

  it('falls inside the period it registers for', () => {
    const period = periodFor(tt124, 'residentialArea', 2025)!;
    const window = registrationWindow(tt124, 'residentialArea', 2025)!;
    expect(isWithinPeriod(period, window.startsOn) && isWithinPeriod(period, window.endsOn)).toBe(true);
  });

  it('is undefined for kinds without a window, or when the scheme has no registration', () => {
    expect(registrationWindow(tt124, 'district', 2025)).toBeUndefined();
    expect(registrationWindow(tt124, 'nope', 2025)).toBeUndefined();
    expect(registrationWindow(scheme({ windows: tt124.windows }), 'commune', 2025)).toBeUndefined();
  });

  it('respects an explicit list of kinds', () => {
    const onlyResidentialAreas = { ...tt124, registration: { unitKinds: ['residentialArea'], from: { month: 1, day: 1 }, to: { month: 3, day: 31 } } };
    expect(registrationWindow(onlyResidentialAreas, 'residentialArea', 2025)).toBeDefined();
    expect(registrationWindow(onlyResidentialAreas, 'commune', 2025)).toBeUndefined();
  });

  it('is undefined when the registration dates are invalid', () => {
    const broken = { ...tt124, registration: { from: { month: 1, day: 1 }, to: { month: 2, day: 30 } } };
    expect(registrationWindow(broken, 'commune', 2025)).toBeUndefined();
  });
});

describe('deadlinesFor', () => {
  it('dates the residential-area movement classification 20 Nov', () => {
    expect(deadlinesFor(tt124, 'residentialArea', 2025)).toEqual([
      expect.objectContaining({ id: 'movementClassification.residentialArea', date: '2025-11-20' }),
    ]);
  });

  it.each(['commune', 'ward', 'specialZone', 'township', 'agency', 'enterprise', 'school'])(
    'dates the %s movement classification 30 Nov',
    (unitKind) => {
      const deadlines = deadlinesFor(tt124, unitKind, 2025);
      expect(deadlines?.map((d) => [d.id, d.date])).toEqual([['movementClassification.communeAndOrganisations', '2025-11-30']]);
    },
  );

  it('dates the historical district classification 15 Dec', () => {
    expect(deadlinesFor(tt124, 'district', 2024)?.map((d) => d.date)).toEqual(['2024-12-15']);
  });

  it('keeps each deadline after the end of its period', () => {
    for (const unitKind of ['residentialArea', 'commune']) {
      const period = periodFor(tt124, unitKind, 2025)!;
      for (const deadline of deadlinesFor(tt124, unitKind, 2025)!) {
        expect(compareIsoDates(deadline.date, period.endsOn)).toBe(1);
      }
    }
  });

  it('carries the deadline title', () => {
    expect(deadlinesFor(tt124, 'residentialArea', 2025)?.[0]?.title.vi).toContain('khu dân cư');
  });

  it('is an empty list for a kind without deadlines', () => {
    expect(deadlinesFor(tt124, 'province', 2025)).toEqual([]);
  });

  it('applies the year offset and sorts by date', () => {
    const s = scheme({
      deadlines: [
        { id: 'late', title: { vi: 'Muộn' }, unitKinds: ['x'], month: 1, day: 15, yearOffset: 1 },
        { id: 'early', title: { vi: 'Sớm' }, unitKinds: ['x'], month: 12, day: 1 },
      ],
    });
    expect(deadlinesFor(s, 'x', 2025)?.map((d) => [d.id, d.date])).toEqual([
      ['early', '2025-12-01'],
      ['late', '2026-01-15'],
    ]);
  });

  it('is undefined for an invalid year or an invalid deadline', () => {
    expect(deadlinesFor(tt124, 'commune', 2025.5)).toBeUndefined();
    const broken = scheme({ deadlines: [{ id: 'bad', title: { vi: 'Sai' }, unitKinds: ['x'], month: 4, day: 31 }] });
    expect(deadlinesFor(broken, 'x', 2025)).toBeUndefined();
  });
});

describe('leap days', () => {
  it('ends a window set to 29 Feb on 28 Feb in a common year', () => {
    expect(periodFor(endOfFebruaryScheme, 'a', 2024)).toMatchObject({ startsOn: '2023-03-01', endsOn: '2024-02-29' });
    expect(periodFor(endOfFebruaryScheme, 'a', 2025)).toMatchObject({ startsOn: '2024-03-01', endsOn: '2025-02-28' });
    expect(periodContaining(endOfFebruaryScheme, 'a', '2024-02-29')?.year).toBe(2024);
  });

  it('starts a window set to 29 Feb on 1 Mar in a common year', () => {
    expect(periodFor(endOfFebruaryScheme, 'b', 2025)).toMatchObject({ startsOn: '2024-02-29', endsOn: '2025-02-28' });
    expect(periodFor(endOfFebruaryScheme, 'b', 2026)).toMatchObject({ startsOn: '2025-03-01', endsOn: '2026-02-28' });
  });

  it('keeps such periods back to back', () => {
    for (const unitKind of ['a', 'b']) {
      for (let year = 2095; year <= 2105; year++) {
        const period = periodFor(endOfFebruaryScheme, unitKind, year)!;
        expect(addDays(period.endsOn, 1)).toBe(periodFor(endOfFebruaryScheme, unitKind, year + 1)!.startsOn);
      }
    }
  });

  it('applies the same rule to registration and deadlines', () => {
    expect(registrationWindow(endOfFebruaryScheme, 'a', 2024)).toEqual({ startsOn: '2023-12-01', endsOn: '2024-02-29' });
    expect(registrationWindow(endOfFebruaryScheme, 'a', 2026)).toEqual({ startsOn: '2025-12-01', endsOn: '2026-02-28' });
    expect(deadlinesFor(endOfFebruaryScheme, 'a', 2023)?.map((d) => d.date)).toEqual(['2024-02-29']);
    expect(deadlinesFor(endOfFebruaryScheme, 'a', 2024)?.map((d) => d.date)).toEqual(['2025-02-28']);
  });
});

describe('invalid schemes', () => {
  const broken = scheme({
    windows: [
      { unitKinds: ['x'], start: { month: 2, day: 30 }, end: { month: 10, day: 31 } },
      { unitKinds: ['y', 'x'], start: { month: 13, day: 1 }, end: { month: 1, day: 0 } },
    ],
    registration: { from: { month: 1, day: 1 }, to: { month: 3, day: 32 } },
    deadlines: [
      { id: 'd', title: { vi: 'D' }, unitKinds: ['x'], month: 11, day: 31 },
      { id: 'd', title: { vi: 'D' }, unitKinds: ['x'], month: 11, day: 30, yearOffset: 0.5 },
    ],
  });

  it('returns undefined from the period functions', () => {
    expect(periodFor(broken, 'x', 2025)).toBeUndefined();
    expect(periodFor(broken, 'y', 2025)).toBeUndefined();
    expect(periodContaining(broken, 'x', '2025-06-01')).toBeUndefined();
    expect(registrationWindow(broken, 'x', 2025)).toBeUndefined();
    expect(deadlinesFor(broken, 'x', 2025)).toBeUndefined();
  });

  it('lists every problem from validatePeriodScheme', () => {
    const result = validatePeriodScheme(broken);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { code: 'invalidMonthDay', path: 'windows[0].start', month: 2, day: 30 },
      { code: 'invalidMonthDay', path: 'windows[1].start', month: 13, day: 1 },
      { code: 'invalidMonthDay', path: 'windows[1].end', month: 1, day: 0 },
      { code: 'unitKindInSeveralWindows', unitKind: 'x' },
      { code: 'invalidMonthDay', path: 'registration.to', month: 3, day: 32 },
      { code: 'invalidMonthDay', path: 'deadlines[0]', month: 11, day: 31 },
      { code: 'duplicateDeadlineId', deadlineId: 'd' },
      { code: 'invalidYearOffset', deadlineId: 'd' },
    ]);
  });

  it('accepts 29 Feb as a month-day', () => {
    expect(validatePeriodScheme(endOfFebruaryScheme).ok).toBe(true);
  });
});

describe('calendarDayIn', () => {
  it("reads an instant as Vietnam's calendar day (UTC+7, no daylight saving)", () => {
    expect(calendarDayIn(new Date('2026-12-31T16:59:59Z'))).toBe('2026-12-31');
    expect(calendarDayIn(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
    expect(calendarDayIn(new Date('2026-06-30T20:00:00Z'))).toBe('2026-07-01');
    expect(calendarDayIn(new Date('2026-03-01T00:30:00Z'))).toBe('2026-03-01');
  });

  it('takes another zone when asked', () => {
    expect(calendarDayIn(new Date('2026-12-31T17:00:00Z'), 'UTC')).toBe('2026-12-31');
  });
});
