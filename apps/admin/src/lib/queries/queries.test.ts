// @vitest-environment node
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse, print, validate, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as criteriaSets from './criteria-sets.ts';
import * as reports from './reports.ts';
import * as session from './session.ts';
import * as units from './units.ts';
import * as workflow from './workflow.ts';

// The API's committed SDL: when the API changes a field the admin reads, this fails before a person does.
const schemaFile = fileURLToPath(new URL('../../../../api/schema.graphql', import.meta.url));
const schema = buildSchema(readFileSync(schemaFile, 'utf8'));

const documents = Object.entries({ ...reports, ...units, ...criteriaSets, ...session, ...workflow }).filter(
  (entry): entry is [string, DocumentNode] => typeof entry[1] === 'object' && entry[1] !== null && 'kind' in entry[1],
);

describe('admin GraphQL documents', () => {
  it('are all found', () => {
    expect(documents.map(([name]) => name).sort()).toEqual([
      'actOnAssessmentMutation',
      'areaNamesQuery',
      'assessmentWorkflowFields',
      'bulkActOnAssessmentsMutation',
      'criteriaSetVersionQuery',
      'criteriaSetsQuery',
      'drillDownQuery',
      'loginMutation',
      'logoutMutation',
      'programsQuery',
      'reportQuery',
      'unitAssessmentsQuery',
      'unitDetailQuery',
      'unitSearchQuery',
      'verifyCertificateQuery',
      'viewerQuery',
      'workflowBulkPlanQuery',
      'workflowChangedSubscription',
      'workflowQueueQuery',
    ]);
  });

  it.each(documents.filter(([name]) => name !== 'assessmentWorkflowFields'))('%s is valid against apps/api/schema.graphql', (_name, document) => {
    const errors = validate(schema, parse(print(document)));
    expect(errors.map((error) => error.message)).toEqual([]);
  });
});

describe('unit assessments', () => {
  const assessment = (id: string, periodYear: number) => ({ __typename: 'Assessment', id, periodYear }) as unknown as workflow.AssessmentWithWorkflow;

  it('"Mới nhất" keeps every program’s assessment of the latest period that has any', () => {
    // As the API orders them: the latest period first, then by program.
    const answer = [assessment('A-2026-sso', 2026), assessment('A-2026-nr', 2026), assessment('A-2025-sso', 2025), assessment('A-2024-mwp', 2024)];
    expect(workflow.latestPeriodOnly(answer).map((found) => found.id)).toEqual(['A-2026-sso', 'A-2026-nr']);
    expect(workflow.latestPeriodOnly([assessment('A-2024-mwp', 2024)]).map((found) => found.id)).toEqual(['A-2024-mwp']);
    expect(workflow.latestPeriodOnly([])).toEqual([]);
  });
});
