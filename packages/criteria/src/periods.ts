import type { Result } from './result.ts';
import { err, ok } from './result.ts';
import type { IsoDate, LocalizedText } from './text.ts';

export type { IsoDate } from './text.ts';

export interface MonthDay {
  month: number;
  day: number;
}

/**
 * The stretch of the year over which units of the listed kinds are assessed. A window that starts
 * later in the year than it ends begins in the previous year; a period is named by the year it ends
 * in. 29 February as an end means "end of February"; as a start, "the day after 28 February".
 */
export interface PeriodWindow {
  unitKinds: readonly string[];
  start: MonthDay;
  end: MonthDay;
}

/** A due date for the period named `year`, falling in `year + yearOffset`. */
export interface Deadline {
  id: string;
  title: LocalizedText;
  unitKinds: readonly string[];
  month: number;
  day: number;
  yearOffset?: number;
}

export interface PeriodScheme {
  id: string;
  title: LocalizedText;
  windows: readonly PeriodWindow[];
  /** Without `unitKinds`, registration applies to every kind that has a window. */
  registration?: { unitKinds?: readonly string[]; from: MonthDay; to: MonthDay };
  deadlines: readonly Deadline[];
  /** The dates come from secondary sources and still need checking against the legal text. */
  unverified?: boolean;
}

export interface DateRange {
  startsOn: IsoDate;
  endsOn: IsoDate;
}

export interface Period extends DateRange {
  schemeId: string;
  unitKind: string;
  year: number;
}

/** Enough to name a period: which unit kind and which year (the year the period ends in). */
export interface PeriodRef {
  schemeId?: string;
  unitKind: string;
  year: number;
}

export interface DatedDeadline extends Deadline {
  date: IsoDate;
}

export type PeriodSchemeIssue =
  | { code: 'invalidMonthDay'; path: string; month: number; day: number }
  | { code: 'unitKindInSeveralWindows'; unitKind: string }
  | { code: 'duplicateDeadlineId'; deadlineId: string }
  | { code: 'invalidYearOffset'; deadlineId: string };

const commonUnitKinds = ['commune', 'ward', 'specialZone', 'township', 'agency', 'enterprise', 'school'];

/**
 * "An toàn về an ninh, trật tự" under Thông tư 124/2021/TT-BCA Art. 8: residential areas are assessed
 * 1 Nov of the previous year → 31 Oct, everyone else 16 Nov → 15 Nov; registration in quarter 1. The
 * deadlines are the movement-classification deadlines of QĐ 510/QĐ-BCA-V05 Art. 11, which run on the
 * same yearly cycle (the district one only matters for records before 1 Jul 2025).
 */
export const tt124PeriodScheme: PeriodScheme = {
  id: 'tt124',
  title: {
    vi: 'Kỳ đánh giá “An toàn về an ninh, trật tự” (Thông tư 124/2021/TT-BCA)',
    en: '“Safe in security and order” assessment periods (Circular 124/2021/TT-BCA)',
  },
  windows: [
    { unitKinds: ['residentialArea'], start: { month: 11, day: 1 }, end: { month: 10, day: 31 } },
    { unitKinds: commonUnitKinds, start: { month: 11, day: 16 }, end: { month: 11, day: 15 } },
  ],
  registration: { from: { month: 1, day: 1 }, to: { month: 3, day: 31 } },
  deadlines: [
    {
      id: 'movementClassification.residentialArea',
      title: {
        vi: 'Gửi kết quả phân loại phong trào toàn dân bảo vệ an ninh Tổ quốc của khu dân cư',
        en: 'Submit the movement classification of residential areas',
      },
      unitKinds: ['residentialArea'],
      month: 11,
      day: 20,
    },
    {
      id: 'movementClassification.communeAndOrganisations',
      title: {
        vi: 'Gửi kết quả phân loại phong trào toàn dân bảo vệ an ninh Tổ quốc của cấp xã, cơ quan, doanh nghiệp, cơ sở giáo dục',
        en: 'Submit the movement classification of communes, agencies, enterprises and schools',
      },
      unitKinds: commonUnitKinds,
      month: 11,
      day: 30,
    },
    {
      id: 'movementClassification.district',
      title: {
        vi: 'Gửi kết quả phân loại phong trào toàn dân bảo vệ an ninh Tổ quốc của cấp huyện',
        en: 'Submit the movement classification of districts (before 1 Jul 2025)',
      },
      unitKinds: ['district'],
      month: 12,
      day: 15,
    },
  ],
};

/** Checks a scheme before it is stored; the period functions also return undefined on bad data. */
export function validatePeriodScheme(scheme: PeriodScheme): Result<PeriodScheme, PeriodSchemeIssue[]> {
  const issues: PeriodSchemeIssue[] = [];
  const checkMonthDay = (path: string, { month, day }: MonthDay) => {
    if (!isValidMonthDay({ month, day })) issues.push({ code: 'invalidMonthDay', path, month, day });
  };

  const seenKinds = new Set<string>();
  const reportedKinds = new Set<string>();
  scheme.windows.forEach((window, i) => {
    checkMonthDay(`windows[${i}].start`, window.start);
    checkMonthDay(`windows[${i}].end`, window.end);
    for (const unitKind of new Set(window.unitKinds)) {
      if (seenKinds.has(unitKind) && !reportedKinds.has(unitKind)) {
        reportedKinds.add(unitKind);
        issues.push({ code: 'unitKindInSeveralWindows', unitKind });
      }
      seenKinds.add(unitKind);
    }
  });

  if (scheme.registration) {
    checkMonthDay('registration.from', scheme.registration.from);
    checkMonthDay('registration.to', scheme.registration.to);
  }

  const deadlineIds = new Set<string>();
  scheme.deadlines.forEach((deadline, i) => {
    if (deadlineIds.has(deadline.id)) issues.push({ code: 'duplicateDeadlineId', deadlineId: deadline.id });
    deadlineIds.add(deadline.id);
    checkMonthDay(`deadlines[${i}]`, deadline);
    if (deadline.yearOffset !== undefined && !Number.isInteger(deadline.yearOffset)) {
      issues.push({ code: 'invalidYearOffset', deadlineId: deadline.id });
    }
  });

  return issues.length > 0 ? err(issues) : ok(scheme);
}

/** The period named `year` (the year it ends in) for a unit kind; undefined if the scheme has none. */
export function periodFor(scheme: PeriodScheme, unitKindId: string, year: number): Period | undefined {
  const window = scheme.windows.find((w) => w.unitKinds.includes(unitKindId));
  if (!window || !isValidMonthDay(window.start) || !isValidMonthDay(window.end)) return undefined;
  const range = resolveRange(window.start, window.end, year);
  return range && { schemeId: scheme.id, unitKind: unitKindId, year, ...range };
}

export function periodContaining(scheme: PeriodScheme, unitKindId: string, date: IsoDate): Period | undefined {
  const parsed = parseIsoDate(date);
  if (!parsed) return undefined;
  for (const year of [parsed.year, parsed.year + 1]) {
    const period = periodFor(scheme, unitKindId, year);
    if (period && isWithinPeriod(period, date)) return period;
  }
  return undefined;
}

export function previousPeriod(scheme: PeriodScheme, period: PeriodRef): Period | undefined {
  return shiftPeriod(scheme, period, -1);
}

export function nextPeriod(scheme: PeriodScheme, period: PeriodRef): Period | undefined {
  return shiftPeriod(scheme, period, 1);
}

function shiftPeriod(scheme: PeriodScheme, period: PeriodRef, by: number): Period | undefined {
  if (period.schemeId !== undefined && period.schemeId !== scheme.id) return undefined;
  return periodFor(scheme, period.unitKind, period.year + by);
}

/** Both ends included. False for an invalid date. */
export function isWithinPeriod(period: DateRange, date: IsoDate): boolean {
  if (!isValidIsoDate(date) || !isValidIsoDate(period.startsOn) || !isValidIsoDate(period.endsOn)) return false;
  return period.startsOn <= date && date <= period.endsOn;
}

/** The registration window of the period named `year`, e.g. quarter 1 of that year under TT124. */
export function registrationWindow(scheme: PeriodScheme, unitKindId: string, year: number): DateRange | undefined {
  const registration = scheme.registration;
  if (!registration || !isValidMonthDay(registration.from) || !isValidMonthDay(registration.to)) return undefined;
  const applies = registration.unitKinds
    ? registration.unitKinds.includes(unitKindId)
    : scheme.windows.some((w) => w.unitKinds.includes(unitKindId));
  return applies ? resolveRange(registration.from, registration.to, year) : undefined;
}

/**
 * The deadlines of the period named `year` for a unit kind, earliest first; an empty list when the
 * kind has none, undefined when the year or a matching deadline is invalid.
 */
export function deadlinesFor(
  scheme: PeriodScheme,
  unitKindId: string,
  year: number,
): readonly DatedDeadline[] | undefined {
  if (!Number.isInteger(year)) return undefined;
  const result: DatedDeadline[] = [];
  for (const deadline of scheme.deadlines) {
    if (!deadline.unitKinds.includes(unitKindId)) continue;
    const offset = deadline.yearOffset ?? 0;
    if (!Number.isInteger(offset)) return undefined;
    const date = resolveMonthDay(deadline, year + offset, 'endOfMonth');
    if (date === undefined) return undefined;
    result.push({ ...deadline, date });
  }
  return result.sort((a, b) => compareStrings(a.date, b.date) || compareStrings(a.id, b.id));
}

/** Whole days past the deadline (0 on or before it); undefined for an invalid date. */
export function daysOverdue(deadlineDate: IsoDate, today: IsoDate): number | undefined {
  const days = daysBetween(deadlineDate, today);
  return days === undefined ? undefined : Math.max(0, days);
}

/** -1, 0 or 1; undefined if either argument is not a valid date. */
export function compareIsoDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 | undefined {
  if (!isValidIsoDate(a) || !isValidIsoDate(b)) return undefined;
  return compareStrings(a, b);
}

function compareStrings(a: string, b: string): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Days from `from` to `to`, negative if `to` is earlier. */
export function daysBetween(from: IsoDate, to: IsoDate): number | undefined {
  const a = parseIsoDate(from);
  const b = parseIsoDate(to);
  if (!a || !b) return undefined;
  return dayNumber(b.year, b.month, b.day) - dayNumber(a.year, a.month, a.day);
}

/** Undefined for an invalid date, a non-integer `days`, or a result outside years 0001–9999. */
export function addDays(date: IsoDate, days: number): IsoDate | undefined {
  const parsed = parseIsoDate(date);
  if (!parsed || !Number.isSafeInteger(days)) return undefined;
  return fromDayNumber(dayNumber(parsed.year, parsed.month, parsed.day) + days);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function isValidIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parseIsoDate(value) !== undefined;
}

export function parseIsoDate(value: string): { year: number; month: number; day: number } | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < MIN_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return { year, month, day };
}

export function toIsoDate(year: number, month: number, day: number): IsoDate | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined;
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const MIN_YEAR = 1;
const MAX_YEAR = 9999;
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return DAYS_BEFORE_MONTH[month]! - DAYS_BEFORE_MONTH[month - 1]!;
}

function isValidMonthDay({ month, day }: MonthDay): boolean {
  return Number.isInteger(month) && Number.isInteger(day) && month >= 1 && month <= 12 && day >= 1
    && day <= daysInMonth(2000, month);
}

function daysBeforeYear(year: number): number {
  const y = year - 1;
  return y * 365 + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400);
}

/** Days since 0001-01-01 (day 0) in the proleptic Gregorian calendar. */
function dayNumber(year: number, month: number, day: number): number {
  const leapShift = month > 2 && isLeapYear(year) ? 1 : 0;
  return daysBeforeYear(year) + DAYS_BEFORE_MONTH[month - 1]! + leapShift + day - 1;
}

function fromDayNumber(n: number): IsoDate | undefined {
  if (n < 0 || n >= daysBeforeYear(MAX_YEAR + 1)) return undefined;
  let year = Math.floor(n / 365.2425) + 1;
  while (daysBeforeYear(year) > n) year--;
  while (daysBeforeYear(year + 1) <= n) year++;
  let rest = n - daysBeforeYear(year);
  let month = 1;
  while (rest >= daysInMonth(year, month)) {
    rest -= daysInMonth(year, month);
    month++;
  }
  return toIsoDate(year, month, rest + 1);
}

/**
 * 29 February in a common year: an end (or deadline) falls back to 28 February, a start moves on to
 * 1 March, so that windows ending and starting around the end of February stay back to back.
 */
function resolveMonthDay(md: MonthDay, year: number, overflow: 'endOfMonth' | 'nextDay'): IsoDate | undefined {
  if (!isValidMonthDay(md)) return undefined;
  const exact = toIsoDate(year, md.month, md.day);
  if (exact !== undefined || md.month !== 2 || md.day !== 29) return exact;
  return overflow === 'endOfMonth' ? toIsoDate(year, 2, 28) : toIsoDate(year, 3, 1);
}

function resolveRange(start: MonthDay, end: MonthDay, year: number): DateRange | undefined {
  if (!Number.isInteger(year)) return undefined;
  const startsLater = start.month > end.month || (start.month === end.month && start.day > end.day);
  const startsOn = resolveMonthDay(start, startsLater ? year - 1 : year, 'nextDay');
  const endsOn = resolveMonthDay(end, year, 'endOfMonth');
  return startsOn && endsOn && startsOn <= endsOn ? { startsOn, endsOn } : undefined;
}

/**
 * The time zone every "today" of the platform is read in: deadlines, overdue days, decision dates
 * and a report's default day are Vietnam's calendar days, whatever the server's clock zone.
 */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/**
 * The calendar day `instant` falls on in `timeZone` (Vietnam's by default).
 *
 * @example
 * calendarDayIn(new Date('2026-12-31T18:30:00Z')); // '2027-01-01' (01:30 in Hà Nội)
 */
export function calendarDayIn(instant: Date, timeZone: string = VIETNAM_TIME_ZONE): IsoDate {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
