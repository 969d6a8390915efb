import { DEMO_PARTNER_KEY, maxRequestBodyBytes } from '@antt/db';
import { parse, print, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as criteriaSets from '../../admin/src/lib/queries/criteria-sets.ts';
import * as reports from '../../admin/src/lib/queries/reports.ts';
import * as session from '../../admin/src/lib/queries/session.ts';
import * as units from '../../admin/src/lib/queries/units.ts';
import * as workflow from '../../admin/src/lib/queries/workflow.ts';
import { queryLimitsOf, readEnv } from '../src/env.ts';
import { checkQueryLimits, DEFAULT_QUERY_LIMITS } from '../src/limits.ts';
import { schema } from '../src/schema/index.ts';
import { createApi } from '../src/yoga.ts';
import { TEST_TODAY, useTestApi } from './harness.ts';

const codes = (errors: readonly { extensions?: Record<string, unknown> }[] | undefined) => (errors ?? []).map((error) => error.extensions?.['code']);

describe('query limits', () => {
  const t = useTestApi('pglite');
  const asKey = async (query: string, variables?: Record<string, unknown>, api = t.api) => {
    const response = await api.fetch('http://api.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEMO_PARTNER_KEY}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
  };
  const history = (levels: number) => `{ unit(code: "31") { ... on Unit { code ${'history { code '.repeat(levels)}${'}'.repeat(levels)} } } }`;

  it('refuse Unit.history nested 20 deep at once, and by its cost when the depth limit is raised', async () => {
    const started = performance.now();
    const deep = await asKey(history(20));
    expect(performance.now() - started).toBeLessThan(500);
    expect(deep.data).toBeUndefined();
    expect(codes(deep.errors)).toEqual(['QUERY_TOO_DEEP']);
    expect(deep.errors![0]!.message).toBe('Truy vấn lồng quá sâu: tối đa 12 cấp');

    const lenient = createApi({ db: t.db, today: () => TEST_TODAY, limits: { maxDepth: 100 } });
    const costly = await asKey(history(20), undefined, lenient);
    expect(codes(costly.errors)).toEqual(['QUERY_TOO_COSTLY']);
    // Two levels are an ordinary question and are answered.
    const shallow = await asKey(history(2));
    expect(shallow.errors).toBeUndefined();
    expect(shallow.data.unit.code).toBe('31');
  });

  it('refuse 1,000 aliases of report by tokens, and by aliases and cost when those limits are raised', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `r${i}: report(programId: "safeSecurityOrder", periodYear: 2026) { __typename }`).join(' ')} }`;
    expect(codes((await t.gql(aliases(1000))).errors)).toEqual(['TOO_MANY_TOKENS']);
    const moreTokens = createApi({ db: t.db, today: () => TEST_TODAY, limits: { maxTokens: 100_000 } });
    expect(codes((await asKey(aliases(1000), undefined, moreTokens)).errors)).toEqual(['TOO_MANY_ALIASES']);
    const moreAliases = createApi({ db: t.db, today: () => TEST_TODAY, limits: { maxTokens: 100_000, maxAliases: 5000 } });
    expect(codes((await asKey(aliases(1000), undefined, moreAliases)).errors)).toEqual(['QUERY_TOO_COSTLY']);
  });

  it('price a page by its size, also when the size is a variable', async () => {
    const query = `query($n: Int!) { units(first: $n) { edges { node { code children(first: $n) { edges { node { code history { code } } } } } } } }`;
    const big = await asKey(query, { n: 1000 });
    expect(codes(big.errors)).toEqual(['QUERY_TOO_COSTLY']);
    expect(big.errors![0]!.message).toMatch(/^Truy vấn ước tính tốn \d+ đơn vị, vượt quá giới hạn 20000/);
    const small = await asKey(query, { n: 3 });
    expect(small.errors).toBeUndefined();
    expect(small.data.units.edges).toHaveLength(3);
  });

  it('leave every document of apps/admin well inside them', () => {
    const documents = Object.entries({ ...reports, ...units, ...criteriaSets, ...session, ...workflow }).filter(
      (entry): entry is [string, DocumentNode] => typeof entry[1] === 'object' && entry[1] !== null && 'kind' in entry[1] && entry[0] !== 'assessmentWorkflowFields',
    );
    expect(documents).toHaveLength(18);
    // The variables the admin sends at most (its largest page is 50).
    const variables = {
      first: 50, search: 'hai phong', code: '31', asOf: TEST_TODAY, periodYear: 2026, programId: 'safeSecurityOrder', areaCode: '31', unitKinds: ['commune'],
      outcome: 'met', setId: 'tt124-commune', version: 1, username: 'u', password: 'p', serial: 'S', assessmentId: 'a', revision: 1, provinceCode: '31',
      action: 'COMPLETE', items: Array.from({ length: 200 }, (_, i) => ({ assessmentId: `a${i}`, revision: 1 })),
    };
    for (const [name, document] of documents) {
      const strict = { ...DEFAULT_QUERY_LIMITS, maxCost: DEFAULT_QUERY_LIMITS.maxCost / 2, maxDepth: DEFAULT_QUERY_LIMITS.maxDepth - 2 };
      const actionVariables = name.includes('Mutation') && name !== 'bulkActOnAssessmentsMutation' ? { ...variables, action: { type: 'COMPLETE' } } : { ...variables, ...(name === 'bulkActOnAssessmentsMutation' && { action: { type: 'COMPLETE' } }) };
      expect([name, checkQueryLimits(schema, print(document), { variables: actionVariables }, strict).map((error) => error.message)]).toEqual([name, []]);
    }
  });

  it('cut a body sent without a length at the same size', async () => {
    const limit = maxRequestBodyBytes();
    const chunk = new Uint8Array(1024 * 1024).fill(0x20);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > limit + chunk.byteLength) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const response = await t.api.fetch('http://api.test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' } as RequestInit);
    const answer = (await response.json()) as { errors?: Array<{ extensions?: Record<string, unknown> }> };
    expect([response.status, codes(answer.errors)]).toEqual([413, ['REQUEST_ENTITY_TOO_LARGE']]);
  });

  it('read their settings from the environment, with the defaults when unset', () => {
    expect(queryLimitsOf(readEnv({}))).toEqual({ maxDepth: 12, maxAliases: 30, maxDirectives: 50, maxTokens: 5000, maxCost: 20_000 });
    expect(queryLimitsOf(readEnv({ GRAPHQL_MAX_DEPTH: '8', GRAPHQL_MAX_COST: '', GRAPHQL_MAX_TOKENS: '900' }))).toMatchObject({ maxDepth: 8, maxCost: 20_000, maxTokens: 900 });
    expect(() => readEnv({ GRAPHQL_MAX_ALIASES: '0' })).toThrow(/GRAPHQL_MAX_ALIASES/);
    expect(() => readEnv({ GRAPHQL_MAX_DEPTH: 'deep' })).toThrow(/GRAPHQL_MAX_DEPTH/);
  });

  it('count fragments: a cycle is refused by validation, not by a stack overflow', () => {
    const cycle = 'query { ...A } fragment A on Query { viewer { __typename } ...B } fragment B on Query { ...A }';
    expect(parse(cycle).definitions).toHaveLength(3);
    expect(checkQueryLimits(schema, cycle).map((error) => error.message)).toEqual(['Cannot calculate complexity of a cyclic fragment']);
  });
});

describe('period years', () => {
  const t = useTestApi('pglite');
  const typed = (field: string, args: string) => `{ r: ${field}(${args}) { __typename ... on Error { code message } } }`;

  it.each([0, -5, 10_000])('are refused as VALIDATION by every field that takes one (%i)', async (year) => {
    const message = `Năm của kỳ đánh giá phải từ 2000 đến 2100 (nhận được ${year})`;
    const expected = { r: { __typename: 'ValidationError', code: 'VALIDATION', message } };
    const queries = [
      typed('report', `programId: "safeSecurityOrder", periodYear: ${year}`),
      typed('coverage', `programId: "safeSecurityOrder", periodYear: ${year}`),
      typed('restatedResults', `programId: "safeSecurityOrder", periodYear: ${year}`),
      typed('workflowQueue', `programId: "safeSecurityOrder", periodYear: ${year}, areaCode: "31"`),
      typed('workflowBulkPlan', `programId: "safeSecurityOrder", periodYear: ${year}, areaCode: "31", action: COMPLETE`),
      typed('assessmentFor', `unitCode: "10507", programId: "safeSecurityOrder", periodYear: ${year}`),
      typed('previewCriteriaSetImpact', `setId: "tt124-commune", version: 1, periodYear: ${year}`),
    ];
    for (const query of queries) expect([query, (await t.gql(query)).data]).toEqual([query, expected]);
    const opened = await t.gql(`mutation { r: openAssessment(input: { unitCode: "10507", programId: "safeSecurityOrder", periodYear: ${year} }) { __typename ... on Error { code message } } }`);
    expect(opened.data).toEqual(expected);
    const nested = await t.gql(`{ unit(code: "10507") { ... on Unit { assessments(periodYear: ${year}) { id } } } }`);
    expect(nested.errors?.map((error) => [error.message, error.extensions?.['code']])).toEqual([[message, 'VALIDATION']]);
  });

  it('within the range are answered as before', async () => {
    const { data } = await t.gql(typed('report', 'programId: "safeSecurityOrder", periodYear: 2026, areaCode: "31"'));
    expect(data!['r'].__typename).toBe('Report');
  });
});
