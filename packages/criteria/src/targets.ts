import { z } from 'zod';
import { isWithin } from './access.ts';
import { fromZodIssues, type DefinitionIssue } from './issues.ts';
import { MAX_PERIOD_YEAR, MIN_PERIOD_YEAR } from './limits.ts';
import { err, ok, type Result } from './result.ts';

/*
 * Targets: "at least 80% of communes meet 19.2 each year". The nation sets some, a province (or any
 * area) its own; a report takes the target of the nearest area that holds it. Pure data and rules.
 */

export interface TargetDefinition {
  readonly programId: string;
  /** The area the target is set for: a unit's path ("31"), or the nation (""). */
  readonly areaPath: string;
  /** The kinds of unit counted (a report over other kinds has no target from it). */
  readonly unitKinds: readonly string[];
  /** First and last period years it applies to (inclusive; open-ended without `toYear`). */
  readonly fromYear: number;
  readonly toYear?: number | null;
  readonly thresholdPercent: number;
  readonly title: string;
}

export interface StoredTarget extends TargetDefinition {
  /** A retired target stays for the record and is never picked again. */
  readonly retired?: boolean;
}

const year = z
  .number({ message: 'phải là một năm' })
  .int('phải là một năm (số nguyên)')
  .min(MIN_PERIOD_YEAR, `không trước năm ${MIN_PERIOD_YEAR}`)
  .max(MAX_PERIOD_YEAR, `không sau năm ${MAX_PERIOD_YEAR}`);

const targetSchema = z
  .object({
    programId: z.string().trim().min(1, 'chưa chọn chương trình'),
    areaPath: z.string(),
    unitKinds: z.array(z.string().trim().min(1)).min(1, 'chọn ít nhất một loại đơn vị').max(20),
    fromYear: year,
    toYear: year.nullish(),
    thresholdPercent: z
      .number({ message: 'phải là một số phần trăm' })
      .gt(0, 'phải lớn hơn 0%')
      .max(100, 'không quá 100%'),
    title: z.string().trim().min(1, 'chưa có tên mục tiêu').max(300, 'tên mục tiêu dài quá 300 ký tự'),
  })
  .strict()
  .refine((target) => target.toYear === null || target.toYear === undefined || target.toYear >= target.fromYear, {
    message: 'năm cuối không được trước năm đầu',
    path: ['toYear'],
  });

/**
 * Checks an untrusted target, every problem with its path.
 *
 * @example
 * parseTarget({ programId: 'newRural192', areaPath: '31', unitKinds: ['commune'], fromYear: 2026, thresholdPercent: 80, title: '≥ 80% xã' });
 */
export function parseTarget(input: unknown): Result<TargetDefinition, DefinitionIssue[]> {
  const parsed = targetSchema.safeParse(input);
  if (!parsed.success) return err(fromZodIssues(parsed.error.issues));
  const { toYear, ...rest } = parsed.data;
  return ok({ ...rest, unitKinds: [...new Set(rest.unitKinds)], ...(toYear !== null && toYear !== undefined && { toYear }) });
}

export interface TargetQuestion {
  readonly programId: string;
  readonly periodYear: number;
  readonly unitKinds: readonly string[];
  /** The area the report is for ("" for the nation). */
  readonly areaPath: string;
}

/** Whether `target` speaks about the report `question` asks for: its program, year, kinds and an area holding it. */
export function targetApplies(target: StoredTarget, question: TargetQuestion): boolean {
  return (
    !target.retired &&
    target.programId === question.programId &&
    target.fromYear <= question.periodYear &&
    (target.toYear === null || target.toYear === undefined || target.toYear >= question.periodYear) &&
    target.unitKinds.some((kind) => question.unitKinds.includes(kind)) &&
    isWithin(question.areaPath, target.areaPath)
  );
}

/**
 * The target a report measures against: of those that apply, the one set for the nearest area (a
 * province's own before the nation's), then the most recently begun.
 */
export function pickTarget<T extends StoredTarget>(targets: readonly T[], question: TargetQuestion): T | undefined {
  const depth = (target: T) => (target.areaPath === '' ? 0 : target.areaPath.split('/').length);
  return targets
    .filter((target) => targetApplies(target, question))
    .sort((a, b) => depth(b) - depth(a) || b.fromYear - a.fromYear)[0];
}
