/*
 * The abuse corpus: one JSON file per abusive request, with the answer written by hand. Small
 * documents are kept as they are; large payloads are described by `generate` and built here.
 * `tests/abuse-corpus.test.ts` runs every case through `api.fetch`; `bench/abuse.bench.ts` sends
 * them over HTTP to a real server while timing a plain query.
 *
 *   credential   "partnerKey" (the demo partner key, read-only on 31) | "nationalAdmin" | null
 *   query        the document (or `generate.aliases` / `generate.repeat` build it)
 *   variables    as sent; `generate.definition*` / `generate.csvMegabytes` fill them
 *   expect       errorCode: errors[0].extensions.code · resultCode: the root field's typed `code`
 *                issueCode: the first issue's code · status: the HTTP status · answered: data, no errors
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Credential = 'partnerKey' | 'nationalAdmin' | null;

export interface AbuseExpectation {
  readonly errorCode?: string;
  readonly resultCode?: string;
  readonly issueCode?: string;
  readonly status?: number;
  readonly answered?: boolean;
}

interface Generate {
  readonly aliases?: number;
  readonly field?: string;
  readonly repeat?: number;
  readonly selection?: string;
  readonly definitionLevels?: number;
  readonly definitionCriteria?: number;
  readonly csvMegabytes?: number;
}

export interface AbuseCase {
  readonly name: string;
  readonly about: string;
  readonly credential: Credential;
  readonly expect: AbuseExpectation;
  /** The HTTP body, built once. */
  readonly body: string;
}

interface CaseFile {
  readonly about: string;
  readonly credential: Credential;
  readonly query?: string;
  readonly variables?: Record<string, unknown>;
  readonly generate?: Generate;
  readonly expect: AbuseExpectation;
}

const directory = fileURLToPath(new URL('.', import.meta.url));

function leaf(id: string): Record<string, unknown> {
  return { id, code: id, title: { vi: id }, measure: { type: 'boolean' } };
}

function definition(criteria: unknown[]): Record<string, unknown> {
  return {
    schemaVersion: 1,
    id: 'abuse-corpus',
    version: 1,
    programId: 'safeSecurityOrder',
    owner: { scope: 'national' },
    status: 'draft',
    title: { vi: 'Bộ tiêu chí tấn công' },
    appliesTo: { unitKinds: ['commune'] },
    rule: { type: 'all' },
    criteria,
  };
}

/** JSON of a chain of groups `levels` deep, written as text: JSON.stringify would recurse as deep. */
function nestedDefinitionJson(levels: number): string {
  const open: string[] = [];
  for (let level = levels - 1; level >= 1; level--) open.push(`{"id":"c${level}","code":"c${level}","title":{"vi":"c${level}"},"criteria":[`);
  const inner = `${open.join('')}${JSON.stringify(leaf('c0'))}${']}'.repeat(levels - 1)}`;
  return JSON.stringify(definition([])).replace('"criteria":[]', `"criteria":[${inner}]`);
}

function csv(megabytes: number): string {
  const line = '31-ABUSE-0000001,residentialArea,Thôn tấn công kích thước,10507\n';
  const lines = Math.ceil((megabytes * 1024 * 1024) / Buffer.byteLength(line));
  return `code,kind,name,parent_code\n${line.repeat(lines)}`;
}

function build(file: CaseFile): string {
  const generate = file.generate ?? {};
  let query = file.query ?? '';
  if (generate.aliases !== undefined) query = `{ ${Array.from({ length: generate.aliases }, (_, i) => `a${i}: ${generate.field}`).join(' ')} }`;
  if (generate.repeat !== undefined) query = `{ ${Array(generate.repeat).fill(generate.selection).join(' ')} }`;
  const variables: Record<string, unknown> = { ...file.variables };
  if (generate.definitionLevels !== undefined) {
    return `{"query":${JSON.stringify(query)},"variables":{"definition":${nestedDefinitionJson(generate.definitionLevels)}}}`;
  }
  if (generate.definitionCriteria !== undefined) variables['definition'] = definition(Array.from({ length: generate.definitionCriteria }, (_, i) => leaf(`c${i}`)));
  if (generate.csvMegabytes !== undefined) variables['input'] = { provinceCode: '31', format: 'CSV', content: csv(generate.csvMegabytes) };
  return JSON.stringify({ query, variables });
}

/** Every case of the corpus, by file name. */
export function loadAbuseCorpus(): AbuseCase[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = JSON.parse(readFileSync(`${directory}/${name}`, 'utf8')) as CaseFile;
      return { name: name.replace(/\.json$/, ''), about: file.about, credential: file.credential, expect: file.expect, body: build(file) };
    });
}

export interface AbuseAnswer {
  readonly status: number;
  readonly body: { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

/** What the answer shows against what the case expects: an empty list when it matches. */
export function mismatches(expected: AbuseExpectation, answer: AbuseAnswer): string[] {
  const problems: string[] = [];
  const root = answer.body.data ? Object.values(answer.body.data)[0] : undefined;
  const errorCode = answer.body.errors?.[0]?.extensions?.['code'];
  if (expected.status !== undefined && answer.status !== expected.status) problems.push(`status ${answer.status}, expected ${expected.status}`);
  if (expected.errorCode !== undefined && errorCode !== expected.errorCode) problems.push(`error code ${String(errorCode)}, expected ${expected.errorCode}`);
  if (expected.resultCode !== undefined && root?.code !== expected.resultCode) problems.push(`result code ${String(root?.code)}, expected ${expected.resultCode}`);
  if (expected.issueCode !== undefined && root?.issues?.[0]?.code !== expected.issueCode) problems.push(`issue code ${String(root?.issues?.[0]?.code)}, expected ${expected.issueCode}`);
  if (expected.answered && (answer.body.errors || !answer.body.data)) problems.push(`not answered: ${JSON.stringify(answer.body.errors)}`);
  if (!expected.answered && expected.errorCode === undefined && answer.body.errors) problems.push(`errors ${JSON.stringify(answer.body.errors)}`);
  return problems;
}
