import { checkPeriodYear } from '@antt/criteria';
import { GraphQLError } from 'graphql';
import { ValidationError } from './errors.ts';

/*
 * Every `periodYear` argument goes through the domain's one range (2000–2100, @antt/criteria
 * limits.ts): a field with a ValidationError result returns it typed, the others refuse with
 * `extensions.code: VALIDATION`. Nothing reads the database for a year that cannot exist.
 */

/** The year, or a typed ValidationError (for fields whose result union has it). */
export function periodYearArg(year: number, path = 'periodYear'): number {
  const checked = checkPeriodYear(year);
  if (checked.ok) return checked.value;
  throw new ValidationError(checked.errors, [{ code: 'invalidShape', path, message: checked.errors }]);
}

/** The year, or a transport error with code VALIDATION (for fields without a result union). */
export function periodYearFilter(year: number, path = 'periodYear'): number {
  const checked = checkPeriodYear(year);
  if (checked.ok) return checked.value;
  throw new GraphQLError(checked.errors, { extensions: { code: 'VALIDATION', path } });
}
