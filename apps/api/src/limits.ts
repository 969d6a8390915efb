import { formatMegabytes } from '@antt/db';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import { createComplexityRule, type FieldComplexityValue } from '@pothos/plugin-complexity';
import {
  getNamedType,
  GraphQLError,
  isEnumType,
  isListType,
  isNonNullType,
  isScalarType,
  validate,
  type DocumentNode,
  type GraphQLField,
  type GraphQLSchema,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

/*
 * No query stops the server: every request is measured before anything runs. Depth, aliases,
 * directives and tokens come from GraphQL Armor; the cost is the Pothos complexity of the document
 * with the costs below, computed with the request's variables (a page size may be a variable).
 * Each refusal is a GraphQL error with a stable `extensions.code` and a Vietnamese message.
 */

export interface QueryLimits {
  /** Nested selections (fragments flattened: `... on Report` adds no level). */
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxDirectives: number;
  /** Lexical tokens of the document, counted while parsing: a huge document is never built. */
  readonly maxTokens: number;
  /** Estimated work, see {@link fieldCost}. */
  readonly maxCost: number;
}

/** Enough for every document of apps/admin (checked by tests/limits.test.ts), far below an attack. */
export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxDirectives: 50,
  maxTokens: 5000,
  maxCost: 20_000,
};

export type LimitCode = 'QUERY_TOO_DEEP' | 'TOO_MANY_ALIASES' | 'TOO_MANY_DIRECTIVES' | 'TOO_MANY_TOKENS' | 'QUERY_TOO_COSTLY';

export function limitError(code: LimitCode | 'REQUEST_ENTITY_TOO_LARGE', message: string, status = 400): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status } } });
}

/*
 * Costs. A field without an entry costs 1 when it returns an object and nothing when it returns a
 * scalar; a list of objects multiplies what is selected below it by the items it usually holds.
 * A connection multiplies by its page size (`first`/`last`, else the default page of 50).
 */

/** Roll-ups, re-evaluations and checks that read a whole area or table in one field. */
const AREA_WIDE = 200;

const fieldCosts: Readonly<Record<string, FieldComplexityValue | ((args: Record<string, unknown>) => FieldComplexityValue)>> = {
  'Query.report': AREA_WIDE,
  'Query.coverage': AREA_WIDE,
  'Query.restatedResults': AREA_WIDE,
  'Query.previewCriteriaSetImpact': AREA_WIDE,
  'Query.workflowQueue': AREA_WIDE,
  'Query.workflowBulkPlan': AREA_WIDE,
  'Query.auditChain': AREA_WIDE,
  'Query.auditEvents': (args) => ({ field: 2, multiplier: boundedCount(args['limit'], 100) }),
  'Query.exportCriteriaPackage': 20,
  'Query.diffCriteriaSetVersions': 20,
  'Query.validateCriteriaSetDefinition': 20,
  'Mutation.importUnits': AREA_WIDE,
  'Mutation.importCriteriaPackage': 50,
  'Mutation.bulkActOnAssessments': (args) => ({ field: 10, multiplier: Array.isArray(args['items']) ? Math.max(args['items'].length, 1) : 1 }),
  'Mutation.login': 10,
  // A report's breakdown is one report per area one level down (34 provinces, up to ~170 communes).
  'Report.breakdown': { field: 20, multiplier: 50 },
  'Report.criterionFailures': { field: 2, multiplier: 1 },
  'Report.drillDown': (args) => ({ field: 5, multiplier: pageSize(args) }),
  'Coverage.uncovered': (args) => ({ field: 5, multiplier: pageSize(args) }),
  'Query.units': (args) => ({ field: 5, multiplier: pageSize(args) }),
  'Query.criteriaSets': (args) => ({ field: 2, multiplier: pageSize(args) }),
  'Unit.children': (args) => ({ field: 5, multiplier: pageSize(args) }),
  // Every version of a unit since 2012, each a full unit again: the field the 20-deep attack nested.
  'Unit.history': { field: 2, multiplier: 5 },
  'Unit.predecessors': { field: 2, multiplier: 3 },
  'Unit.successors': { field: 2, multiplier: 3 },
  'Unit.assessments': { field: 2, multiplier: 10 },
  // The engine runs again for an explanation that is not stored.
  'Assessment.explanation': 5,
  'Evaluation.criteria': { field: 1, multiplier: 40 },
  'Evaluation.failingCriteria': { field: 1, multiplier: 40 },
  'CriteriaSetVersion.criteria': { field: 2, multiplier: 40 },
  'CriteriaSetVersion.diffWithParent': 20,
  'Workflow.history': { field: 1, multiplier: 20 },
  'Subscription.workflowChanged': 50,
};

const DEFAULT_PAGE = 50;
const MAX_PAGE = 1000;

function boundedCount(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(Math.max(Math.trunc(value), 1), MAX_PAGE) : fallback;
}

function pageSize(args: Record<string, unknown>): number {
  return boundedCount(args['first'] ?? args['last'], DEFAULT_PAGE);
}

/** Pothos's `complexity.fieldComplexity`: the cost of one field, from the table above. */
export function fieldCost<Context>(args: Record<string, unknown>, _ctx: Context, field: GraphQLField<unknown, Context, Record<string, unknown>>): FieldComplexityValue {
  const parent = (field.extensions?.['pothosConfig'] as { parentType?: string } | undefined)?.parentType;
  const entry = parent ? fieldCosts[`${parent}.${field.name}`] : undefined;
  if (entry !== undefined) return typeof entry === 'function' ? entry(args) : entry;
  const named = getNamedType(field.type);
  if (isScalarType(named) || isEnumType(named)) return 0;
  // A connection's page is paid on the connection field; its edges list multiplies nothing more.
  if (parent?.endsWith('Connection') && field.name === 'edges') return { field: 0, multiplier: 1 };
  const list = isListType(isNonNullType(field.type) ? field.type.ofType : field.type);
  return list ? { field: 1, multiplier: 10 } : 1;
}

function rejectWith(code: LimitCode, message: string) {
  return {
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null) => context?.reportError(limitError(code, message))],
  };
}

/** The rules that depend on the document only (so yoga may cache their verdict per document). */
export function documentRules(limits: QueryLimits): ValidationRule[] {
  return [
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ...rejectWith('QUERY_TOO_DEEP', `Truy vấn lồng quá sâu: tối đa ${limits.maxDepth} cấp`) }),
    maxAliasesRule({ n: limits.maxAliases, ...rejectWith('TOO_MANY_ALIASES', `Truy vấn dùng quá nhiều bí danh (alias): tối đa ${limits.maxAliases}`) }),
    maxDirectivesRule({ n: limits.maxDirectives, ...rejectWith('TOO_MANY_DIRECTIVES', `Truy vấn dùng quá nhiều chỉ thị (directive): tối đa ${limits.maxDirectives}`) }),
  ];
}

/** Parses like graphql's `parse`, refusing a document of more than `maxTokens` tokens as soon as it has read them. */
export function parseWithinLimits(source: string, limits: QueryLimits): DocumentNode {
  const tooMany = () => {
    throw limitError('TOO_MANY_TOKENS', `Truy vấn quá dài: tối đa ${limits.maxTokens} ký hiệu (token)`);
  };
  return new MaxTokensParserWLexer(source, { n: limits.maxTokens, propagateOnRejection: false, onReject: [tooMany] }).parseDocument();
}

/** The rule that needs the request's variables: the estimated cost of the operation. */
export function costRule(limits: QueryLimits, request: { variables?: Record<string, unknown> | undefined; operationName?: string | null | undefined; context?: object }): ValidationRule {
  return createComplexityRule({
    variableValues: request.variables ?? {},
    operationName: request.operationName ?? null,
    context: request.context ?? {},
    validate: ({ complexity }, reportError) => {
      if (complexity > limits.maxCost) {
        reportError(
          limitError(
            'QUERY_TOO_COSTLY',
            `Truy vấn ước tính tốn ${Math.round(Math.min(complexity, Number.MAX_SAFE_INTEGER))} đơn vị, vượt quá giới hạn ${limits.maxCost}: chọn ít trường hơn hoặc giảm số bản ghi mỗi trang (first)`,
          ),
        );
      }
    },
  });
}

/**
 * Every limit for one document and its variables, as a list of errors (empty: within the limits).
 * The server runs the same checks through {@link queryLimitPlugins}; tests call this for documents.
 */
export function checkQueryLimits(
  schema: GraphQLSchema,
  source: string,
  request: { variables?: Record<string, unknown>; operationName?: string | null } = {},
  limits: QueryLimits = DEFAULT_QUERY_LIMITS,
): readonly GraphQLError[] {
  let document: DocumentNode;
  try {
    document = parseWithinLimits(source, limits);
  } catch (error) {
    if (error instanceof GraphQLError) return [error];
    throw error;
  }
  const errors = validate(schema, document, documentRules(limits));
  return errors.length > 0 ? errors : validate(schema, document, [costRule(limits, request)]);
}

interface CostArgs {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly variableValues?: Record<string, unknown> | null | undefined;
  readonly operationName?: string | null | undefined;
  readonly contextValue?: unknown;
}

/**
 * yoga plugins that refuse, before execution, a document over any of `limits`.
 *
 * @example
 * createYoga({ schema, plugins: queryLimitPlugins({ ...DEFAULT_QUERY_LIMITS, maxDepth: 8 }) });
 */
export function queryLimitPlugins(limits: QueryLimits = DEFAULT_QUERY_LIMITS): Plugin[] {
  const rules = documentRules(limits);
  const measure = (args: CostArgs) =>
    validate(args.schema, args.document, [
      costRule(limits, { variables: args.variableValues ?? {}, operationName: args.operationName, context: (args.contextValue as object | undefined) ?? {} }),
    ]);
  // Without variables the cost is the document's own (yoga hands back the same parsed document), so
  // it is measured once per document and operation instead of on every request.
  const withoutVariables = new WeakMap<DocumentNode, Map<string, readonly GraphQLError[]>>();
  const costOf = (args: CostArgs): readonly GraphQLError[] => {
    if (args.variableValues && Object.keys(args.variableValues).length > 0) return measure(args);
    let byOperation = withoutVariables.get(args.document);
    if (!byOperation) withoutVariables.set(args.document, (byOperation = new Map()));
    const key = args.operationName ?? '';
    let errors = byOperation.get(key);
    if (!errors) byOperation.set(key, (errors = measure(args)));
    return errors;
  };
  return [
    {
      onParse: ({ setParseFn }) => setParseFn((source) => parseWithinLimits(typeof source === 'string' ? source : source.body, limits)),
      onValidate: ({ addValidationRule }) => {
        for (const rule of rules) addValidationRule(rule);
      },
      // The cost depends on variables (a page size), so it is checked per request, still before any resolver runs.
      onExecute: ({ args, setResultAndStopExecution }) => {
        const errors = costOf(args);
        if (errors.length > 0) setResultAndStopExecution({ errors: [...errors] });
      },
      onSubscribe: ({ args, setResultAndStopExecution }) => {
        const errors = costOf(args);
        if (errors.length > 0) setResultAndStopExecution({ errors: [...errors] });
      },
    },
  ];
}

/**
 * Refuses a body declared larger than `maxBytes` before reading it, in Vietnamese (yoga's own
 * `maxRequestBodySize`, set to the same number, still cuts a body that arrives without a length).
 */
export function bodyLimitPlugin(maxBytes: number): Plugin {
  const megabytes = formatMegabytes(maxBytes);
  return {
    onRequestParse: ({ request }) => {
      const length = Number(request.headers.get('content-length'));
      if (Number.isFinite(length) && length > maxBytes) {
        throw limitError('REQUEST_ENTITY_TOO_LARGE', `Yêu cầu lớn hơn giới hạn ${megabytes}: hãy chia nhỏ tệp nhập`, 413);
      }
    },
  };
}
