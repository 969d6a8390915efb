// @vitest-environment node
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse, print, validate, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as criteriaSets from './criteria-sets.ts';
import * as reports from './reports.ts';
import * as session from './session.ts';
import * as units from './units.ts';

// The API's committed SDL: when the API changes a field the admin reads, this fails before a person does.
const schemaFile = fileURLToPath(new URL('../../../../api/schema.graphql', import.meta.url));
const schema = buildSchema(readFileSync(schemaFile, 'utf8'));

const documents = Object.entries({ ...reports, ...units, ...criteriaSets, ...session }).filter(
  (entry): entry is [string, DocumentNode] => typeof entry[1] === 'object' && entry[1] !== null && 'kind' in entry[1],
);

describe('admin GraphQL documents', () => {
  it('are all found', () => {
    expect(documents.map(([name]) => name).sort()).toEqual([
      'areaNamesQuery',
      'criteriaSetVersionQuery',
      'criteriaSetsQuery',
      'drillDownQuery',
      'loginMutation',
      'logoutMutation',
      'programsQuery',
      'reportQuery',
      'unitDetailQuery',
      'unitSearchQuery',
    ]);
  });

  it.each(documents)('%s is valid against apps/api/schema.graphql', (_name, document) => {
    const errors = validate(schema, parse(print(document)));
    expect(errors.map((error) => error.message)).toEqual([]);
  });
});
