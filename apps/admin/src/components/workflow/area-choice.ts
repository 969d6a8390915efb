import { nationalUnitKinds } from '@antt/criteria';

/*
 * What the workflow pages over an area ask first — program, period, area and unit kind — read from
 * and written to the URL, so a list can be bookmarked or sent. Each page adds its own choices.
 */

export interface AreaChoice {
  readonly programId: string;
  readonly year: number;
  /** The area whose units' items are listed; '' until chosen. */
  readonly area: string;
  /** One unit kind, or '' for every kind below the area. */
  readonly kind: string;
}

/** The kinds a list may be narrowed to: communes and the units below them. */
export const areaKindOptions = nationalUnitKinds.filter(
  (kind) => !kind.historical && (kind.level === 'commune' || kind.level === 'residentialArea' || kind.level === 'organisation'),
);

export function areaChoiceFromQuery(query: URLSearchParams, defaults: { readonly programId: string; readonly year: number; readonly area?: string }): AreaChoice {
  return {
    programId: query.get('program') || defaults.programId,
    year: Number(query.get('year')) || defaults.year,
    area: query.get('area')?.trim() || (defaults.area ?? ''),
    kind: query.get('kind') ?? '',
  };
}

export function areaChoiceToQuery(choice: AreaChoice): Record<string, string | undefined> {
  return { program: choice.programId, year: String(choice.year), area: choice.area.trim() || undefined, kind: choice.kind || undefined };
}

/** The arguments every area list takes; undefined until an area is chosen. */
export function areaVariables(choice: AreaChoice): { programId: string; periodYear: number; areaCode: string; unitKinds?: string[] } | undefined {
  const areaCode = choice.area.trim();
  if (!areaCode) return undefined;
  return { programId: choice.programId, periodYear: choice.year, areaCode, ...(choice.kind && { unitKinds: [choice.kind] }) };
}
