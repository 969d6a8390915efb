import { z } from 'zod';
import type { IsoDate, LocalizedText } from './text.ts';
import { criteriaTreeSize, MAX_CHANGES_PER_SET, MAX_CRITERIA_DEPTH, MAX_CRITERIA_PER_SET } from './limits.ts';

/*
 * A criteria set is data: this module holds its shape (TypeScript types) and the zod schemas that
 * check untrusted input against that shape. Cross-references (programs, parents, targets) are
 * checked later by the catalog, which sees every set at once.
 */

export const DEFINITION_SCHEMA_VERSION = 1;

export type Confidence = 'verified' | 'partial' | 'unverified';

/** Where a rule comes from: the issuing body, the document and the article that say so. */
export interface Provenance {
  readonly issuer: string;
  readonly document: string;
  readonly article?: string;
  readonly clause?: string;
  readonly effectiveFrom?: IsoDate;
  readonly effectiveTo?: IsoDate;
  /** Key of the public source in the domain reference, e.g. `tvpl-tt124`. */
  readonly source?: string;
  readonly confidence?: Confidence;
}

export type AttributeValue = string | number | boolean;

/** A condition on a unit attribute; exactly one of `equals`, `in`, `notIn`, `exists`. */
export interface AttributeCondition {
  readonly attribute: string;
  readonly equals?: AttributeValue;
  readonly in?: readonly AttributeValue[];
  readonly notIn?: readonly AttributeValue[];
  readonly exists?: boolean;
}

export interface Applicability {
  readonly unitKinds?: readonly string[];
  readonly attributes?: readonly AttributeCondition[];
}

export type Comparator = '=' | '<' | '<=' | '>' | '>=';

export type Measure =
  | { readonly type: 'boolean'; readonly expected?: boolean }
  | {
      readonly type: 'number';
      readonly comparator: Comparator;
      readonly threshold: number;
      readonly unit?: string;
    }
  | {
      /** Percent change of the value against the previous period: "down ≥ 5%" is `<= -5`. */
      readonly type: 'change';
      readonly comparator: Comparator;
      readonly thresholdPercent: number;
      readonly unit?: string;
      readonly whenBothZero?: 'met' | 'notMet';
    }
  | {
      /** Share of the unit's children of the given kinds whose outcome in `programId` is met. */
      readonly type: 'childShare';
      readonly programId: string;
      readonly childKinds: readonly string[];
      readonly childAttributes?: readonly AttributeCondition[];
      readonly comparator: '>=' | '>';
      readonly thresholdPercent: number;
      /** The word used in explanations, e.g. "thôn"; defaults to the kinds' titles. */
      readonly childLabel?: string;
    }
  | { readonly type: 'score'; readonly maxPoints: number; readonly minPoints?: number }
  | {
      /** Follows the same unit's outcome in another program (19.2 for 2021–2025 follows TT124). */
      readonly type: 'programOutcome';
      readonly programId: string;
    }
  | { readonly type: 'evidence'; readonly documentKind?: string };

export type MeasureType = Measure['type'];

export interface GradeBand {
  readonly grade: string;
  readonly title: LocalizedText;
  readonly minScore: number;
  /** Whether a unit graded in this band counts as met in roll-ups. */
  readonly passing: boolean;
  /** A band that also gates on the criteria themselves, e.g. excellent needs every critical one. */
  readonly requires?: 'allCritical' | 'allRequired';
  readonly unverified?: boolean;
}

export type OutcomeRule =
  | { readonly type: 'all' }
  | { readonly type: 'atLeast'; readonly count?: number; readonly percent?: number }
  | { readonly type: 'score'; readonly bands: readonly GradeBand[] };

export interface CriterionDefinition {
  /** Stable across versions: the diff and stored results key on it, never on `code`. */
  readonly id: string;
  /** The number people use: "19.2", "16", "4.3". */
  readonly code: string;
  readonly kind?: 'group' | 'criterion';
  readonly title: LocalizedText;
  readonly description?: LocalizedText;
  readonly provenance?: Provenance;
  readonly effectiveFrom?: IsoDate;
  readonly effectiveTo?: IsoDate;
  readonly appliesTo?: Applicability;
  /** Optional criteria count in "N of M" and scores but never block an "all" rule. Default true. */
  readonly required?: boolean;
  /** A critical criterion that is not met fails its group whatever the rule. */
  readonly critical?: boolean;
  /** Points a yes/no criterion is worth inside a score rule, or a multiplier of a scored one. 0 makes a pure gate. */
  readonly weight?: number;
  /** Content the domain reference marks [U]: shipped visibly so a province can confirm or replace it. */
  readonly unverified?: boolean;
  readonly note?: string;
  readonly measure?: Measure;
  readonly rule?: OutcomeRule;
  readonly criteria?: readonly CriterionDefinition[];
}

export type SetOwner = { readonly scope: 'national' } | { readonly scope: 'province'; readonly provinceCode: string };

export type SetStatus = 'draft' | 'published' | 'retired';

export interface SetRef {
  readonly setId: string;
  readonly version: number;
}

export type CriterionOverride = Partial<
  Pick<
    CriterionDefinition,
    | 'code'
    | 'title'
    | 'description'
    | 'provenance'
    | 'effectiveFrom'
    | 'effectiveTo'
    | 'appliesTo'
    | 'required'
    | 'critical'
    | 'weight'
    | 'unverified'
    | 'note'
  >
> & {
  /** Merged over the inherited measure, so `{ thresholdPercent: 80 }` changes only the threshold. */
  readonly measure?: Readonly<Record<string, unknown>>;
  readonly rule?: Readonly<Record<string, unknown>>;
};

export type SetChange =
  | {
      readonly op: 'add';
      /** The group to add under; the set's top level when omitted. */
      readonly parentId?: string;
      /** Insert after this sibling; at the end when omitted. */
      readonly after?: string;
      readonly criterion: CriterionDefinition;
    }
  | { readonly op: 'override'; readonly targetId: string; readonly set: CriterionOverride }
  | { readonly op: 'remove'; readonly targetId: string; readonly reason?: string };

export interface CriteriaSetDefinition {
  readonly schemaVersion: number;
  readonly id: string;
  readonly version: number;
  readonly programId: string;
  readonly owner: SetOwner;
  readonly status: SetStatus;
  readonly title: LocalizedText;
  readonly description?: LocalizedText;
  readonly provenance?: Provenance;
  readonly effectiveFrom?: IsoDate;
  readonly effectiveTo?: IsoDate;
  readonly appliesTo: Applicability;
  readonly periodSchemeId?: string;
  readonly unverified?: boolean;
  readonly notes?: readonly string[];
  /** A standalone set has `rule` and `criteria`; an extension has `extends` and `changes`. */
  readonly rule?: OutcomeRule;
  readonly criteria?: readonly CriterionDefinition[];
  readonly extends?: SetRef;
  readonly changes?: readonly SetChange[];
}

// ---------------------------------------------------------------------------------------------
// Schemas

const ID_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;

export const idSchema = z
  .string()
  .regex(ID_PATTERN, 'expected an id of lower-case letters, digits, ".", "_" or "-"');
const nonBlank = z.string().trim().min(1, 'must not be empty');
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected a date YYYY-MM-DD');

export const localizedTextSchema = z.strictObject({ vi: nonBlank, en: nonBlank.optional() });

export const provenanceSchema = z.strictObject({
  issuer: nonBlank,
  document: nonBlank,
  article: nonBlank.optional(),
  clause: nonBlank.optional(),
  effectiveFrom: isoDateSchema.optional(),
  effectiveTo: isoDateSchema.optional(),
  source: nonBlank.optional(),
  confidence: z.enum(['verified', 'partial', 'unverified']).optional(),
});

const attributeValueSchema = z.union([z.string(), z.number(), z.boolean()]);

export const attributeConditionSchema = z
  .strictObject({
    attribute: nonBlank,
    equals: attributeValueSchema.optional(),
    in: z.array(attributeValueSchema).min(1).optional(),
    notIn: z.array(attributeValueSchema).min(1).optional(),
    exists: z.boolean().optional(),
  })
  .refine(
    (c) => [c.equals, c.in, c.notIn, c.exists].filter((v) => v !== undefined).length === 1,
    'expected exactly one of equals, in, notIn, exists',
  );

const unitKindIdSchema = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'expected a unit kind id');
/** Programs and unit kinds are named in camelCase, as in the glossary (`safeSecurityOrder`). */
export const programIdSchema = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'expected a program id in camelCase');

export const applicabilitySchema = z.strictObject({
  unitKinds: z.array(unitKindIdSchema).min(1).optional(),
  attributes: z.array(attributeConditionSchema).min(1).optional(),
});

const comparatorSchema = z.enum(['=', '<', '<=', '>', '>=']);
const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const percent = finite.refine((v) => v >= 0 && v <= 100, 'expected a percentage from 0 to 100');

export const measureSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('boolean'), expected: z.boolean().optional() }),
  z
    .strictObject({
      type: z.literal('number'),
      comparator: comparatorSchema,
      // A number criterion counts cases, households, hours…: never fewer than none.
      threshold: finite.refine((v) => v >= 0, 'ngưỡng là một số đếm hoặc số lượng: không được âm'),
      unit: nonBlank.optional(),
    })
    .refine((m) => !(m.comparator === '<' && m.threshold === 0), {
      message: '"< 0" không bao giờ đạt: một số đếm không thể nhỏ hơn 0 (dùng "= 0" nếu muốn "không có vụ nào")',
      path: ['threshold'],
    }),
  z.strictObject({
    type: z.literal('change'),
    comparator: comparatorSchema,
    thresholdPercent: finite,
    unit: nonBlank.optional(),
    whenBothZero: z.enum(['met', 'notMet']).optional(),
  }),
  z.strictObject({
    type: z.literal('childShare'),
    programId: programIdSchema,
    childKinds: z.array(unitKindIdSchema).min(1),
    childAttributes: z.array(attributeConditionSchema).min(1).optional(),
    comparator: z.enum(['>=', '>']),
    thresholdPercent: percent,
    childLabel: nonBlank.optional(),
  }),
  z
    .strictObject({
      type: z.literal('score'),
      maxPoints: finite.refine((v) => v > 0, 'expected a positive number'),
      minPoints: finite.refine((v) => v >= 0, 'expected zero or more').optional(),
    })
    .refine((m) => m.minPoints === undefined || m.minPoints <= m.maxPoints, {
      message: 'minPoints must not exceed maxPoints',
      path: ['minPoints'],
    }),
  z.strictObject({ type: z.literal('programOutcome'), programId: programIdSchema }),
  z.strictObject({ type: z.literal('evidence'), documentKind: nonBlank.optional() }),
]);

export const gradeBandSchema = z.strictObject({
  grade: idSchema,
  title: localizedTextSchema,
  minScore: finite,
  passing: z.boolean(),
  requires: z.enum(['allCritical', 'allRequired']).optional(),
  unverified: z.boolean().optional(),
});

export const outcomeRuleSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('all') }),
  z
    .strictObject({
      type: z.literal('atLeast'),
      count: z.int().min(1, 'expected at least 1').optional(),
      percent: percent.optional(),
    })
    .refine((r) => (r.count === undefined) !== (r.percent === undefined), 'expected exactly one of count, percent'),
  z
    .strictObject({ type: z.literal('score'), bands: z.array(gradeBandSchema).min(1) })
    .superRefine((rule, ctx) => {
      const seen = new Set<string>();
      rule.bands.forEach((band, index) => {
        if (seen.has(band.grade)) {
          ctx.addIssue({ code: 'custom', path: ['bands', index, 'grade'], message: `duplicate grade "${band.grade}"` });
        }
        seen.add(band.grade);
        const previous = rule.bands[index - 1];
        if (previous && previous.minScore <= band.minScore) {
          ctx.addIssue({
            code: 'custom',
            path: ['bands', index, 'minScore'],
            message: 'bands must be listed from the highest minScore down',
          });
        }
      });
    }),
]);

const criterionBase = {
  id: idSchema,
  code: nonBlank,
  kind: z.enum(['group', 'criterion']).optional(),
  title: localizedTextSchema,
  description: localizedTextSchema.optional(),
  provenance: provenanceSchema.optional(),
  effectiveFrom: isoDateSchema.optional(),
  effectiveTo: isoDateSchema.optional(),
  appliesTo: applicabilitySchema.optional(),
  required: z.boolean().optional(),
  critical: z.boolean().optional(),
  weight: finite.refine((v) => v >= 0, 'expected zero or more').optional(),
  unverified: z.boolean().optional(),
  note: nonBlank.optional(),
};

export const criterionSchema: z.ZodType<CriterionDefinition> = z.lazy(() =>
  z
    .strictObject({
      ...criterionBase,
      measure: measureSchema.optional(),
      rule: outcomeRuleSchema.optional(),
      criteria: z.array(criterionSchema).min(1, 'a group needs at least one criterion').optional(),
    })
    .superRefine((node, ctx) => {
      if (node.measure && node.criteria) {
        ctx.addIssue({
          code: 'custom',
          path: ['criteria'],
          message: 'a criterion has either a measure or sub-criteria, not both',
        });
      }
      if (!node.measure && !node.criteria) {
        ctx.addIssue({ code: 'custom', path: ['measure'], message: 'expected a measure or sub-criteria' });
      }
      if (node.rule && !node.criteria) {
        ctx.addIssue({ code: 'custom', path: ['rule'], message: 'only a criterion with sub-criteria has a rule' });
      }
    }),
);

const setRefSchema = z.strictObject({ setId: idSchema, version: z.int().min(1) });

const overrideSchema = z.strictObject({
  code: nonBlank.optional(),
  title: localizedTextSchema.optional(),
  description: localizedTextSchema.optional(),
  provenance: provenanceSchema.optional(),
  effectiveFrom: isoDateSchema.optional(),
  effectiveTo: isoDateSchema.optional(),
  appliesTo: applicabilitySchema.optional(),
  required: z.boolean().optional(),
  critical: z.boolean().optional(),
  weight: finite.refine((v) => v >= 0, 'expected zero or more').optional(),
  unverified: z.boolean().optional(),
  note: nonBlank.optional(),
  measure: z.record(z.string(), z.unknown()).optional(),
  rule: z.record(z.string(), z.unknown()).optional(),
});

export const setChangeSchema = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('add'),
    parentId: idSchema.optional(),
    after: idSchema.optional(),
    criterion: criterionSchema,
  }),
  z.strictObject({ op: z.literal('override'), targetId: idSchema, set: overrideSchema }),
  z.strictObject({ op: z.literal('remove'), targetId: idSchema, reason: nonBlank.optional() }),
]);

const criteriaSetShapeSchema = z
  .strictObject({
    schemaVersion: z.literal(DEFINITION_SCHEMA_VERSION),
    id: idSchema,
    version: z.int().min(1),
    programId: programIdSchema,
    owner: z.discriminatedUnion('scope', [
      z.strictObject({ scope: z.literal('national') }),
      z.strictObject({
        scope: z.literal('province'),
        provinceCode: z.string().regex(/^\d{2}$/, 'expected a 2-digit province code'),
      }),
    ]),
    status: z.enum(['draft', 'published', 'retired']),
    title: localizedTextSchema,
    description: localizedTextSchema.optional(),
    provenance: provenanceSchema.optional(),
    effectiveFrom: isoDateSchema.optional(),
    effectiveTo: isoDateSchema.optional(),
    appliesTo: applicabilitySchema.extend({ unitKinds: z.array(unitKindIdSchema).min(1) }),
    periodSchemeId: idSchema.optional(),
    unverified: z.boolean().optional(),
    notes: z.array(nonBlank).optional(),
    rule: outcomeRuleSchema.optional(),
    criteria: z.array(criterionSchema).min(1, 'a criteria set needs at least one criterion').optional(),
    extends: setRefSchema.optional(),
    changes: z.array(setChangeSchema).optional(),
  })
  .superRefine((set, ctx) => {
    if (set.extends) {
      if (set.criteria) {
        ctx.addIssue({
          code: 'custom',
          path: ['criteria'],
          message: 'a set that extends another changes it through "changes", not "criteria"',
        });
      }
    } else {
      if (!set.criteria) ctx.addIssue({ code: 'custom', path: ['criteria'], message: 'expected criteria' });
      if (!set.rule) ctx.addIssue({ code: 'custom', path: ['rule'], message: 'expected an outcome rule' });
      if (set.changes) {
        ctx.addIssue({ code: 'custom', path: ['changes'], message: 'only a set that extends another has changes' });
      }
    }
    if (set.effectiveFrom && set.effectiveTo && set.effectiveTo < set.effectiveFrom) {
      ctx.addIssue({ code: 'custom', path: ['effectiveTo'], message: 'effectiveTo is before effectiveFrom' });
    }
  });

/**
 * A definition's size is checked first, without recursion: a tree deeper or larger than the limits
 * is refused before zod (or anything after it) walks it.
 */
export const criteriaSetSchema = z
  .unknown()
  .superRefine((input, ctx) => {
    const { depth, count } = criteriaTreeSize(input);
    const changes = typeof input === 'object' && input !== null && 'changes' in input && Array.isArray(input.changes) ? input.changes.length : 0;
    if (depth > MAX_CRITERIA_DEPTH) {
      ctx.addIssue({ code: 'custom', path: ['criteria'], params: { issueCode: 'tooDeep' }, message: `Cây tiêu chí sâu ${depth} cấp, vượt quá giới hạn ${MAX_CRITERIA_DEPTH} cấp` });
    }
    if (count > MAX_CRITERIA_PER_SET) {
      ctx.addIssue({ code: 'custom', path: ['criteria'], params: { issueCode: 'tooManyCriteria' }, message: `Bộ tiêu chí có ${count} tiêu chí, vượt quá giới hạn ${MAX_CRITERIA_PER_SET}` });
    }
    if (changes > MAX_CHANGES_PER_SET) {
      ctx.addIssue({ code: 'custom', path: ['changes'], params: { issueCode: 'tooManyChanges' }, message: `Bộ tiêu chí có ${changes} thay đổi, vượt quá giới hạn ${MAX_CHANGES_PER_SET}` });
    }
  })
  .pipe(criteriaSetShapeSchema);
