import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKindsUnderTest, startTestApi, type TestApi } from './harness.ts';

/** A province's units with their latest explained outcome, their parent and the program it belongs to. */
const NESTED = `query($first: Int!) {
  units(filter: { provinceCode: "31", kinds: ["residentialArea", "agency", "school"] }, first: $first) {
    totalCount
    edges { node {
      code fullName kind
      parent { code fullName }
      assessment(programId: "safeSecurityOrder") {
        periodYear outcome
        program { title }
        setVersion { setId version }
        explanation { status summary failingCriteria { code reason } }
      }
    } }
  }
}`;

describe.each(databaseKindsUnderTest())('no N+1 on %s', (kind) => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi(kind);
  });
  afterAll(() => t?.close());

  async function statementsFor(first: number) {
    const { result, count } = await t.db.statements.measure(() => t.gql(NESTED, { first }));
    expect(result.errors).toBeUndefined();
    return { count, edges: result.data!.units.edges as Array<{ node: { assessment: unknown } }> };
  }

  it('sends the same number of SQL statements for 10 and 1,000 units', async () => {
    const small = await statementsFor(10);
    const large = await statementsFor(1000);
    expect(small.edges).toHaveLength(10);
    expect(large.edges).toHaveLength(1000);
    expect(large.edges.filter((edge) => edge.node.assessment !== null).length).toBeGreaterThan(900);
    expect(large.count).toBe(small.count);
    // Units, their count, the parents' versions, the assessments (with their stored summaries), the
    // programs and the set versions: one statement each, whatever the page size.
    expect(small.count).toBeLessThanOrEqual(6);
  });
});
