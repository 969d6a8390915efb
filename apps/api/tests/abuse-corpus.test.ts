import { DEMO_PARTNER_KEY } from '@antt/db';
import { describe, expect, it } from 'vitest';
import { loadAbuseCorpus, mismatches, type AbuseAnswer, type Credential } from '../bench/abuse-corpus/corpus.ts';
import { signIn, useTestApi } from './harness.ts';

const corpus = loadAbuseCorpus();

describe('the abuse corpus (bench/abuse-corpus) through api.fetch', () => {
  const t = useTestApi('pglite');
  const tokens = new Map<Credential, string | null>();
  const bearer = async (credential: Credential) => {
    if (!tokens.has(credential)) tokens.set(credential, credential === 'partnerKey' ? DEMO_PARTNER_KEY : credential === 'nationalAdmin' ? await signIn(t.api, 'bocongan') : null);
    return tokens.get(credential);
  };

  it('holds every kind of abuse the issue names', () => {
    expect(corpus.map((c) => c.name)).toEqual([
      'costly-breakdown',
      'costly-pages',
      'deep-definition',
      'deep-fragments',
      'deep-history',
      'fragment-cycle',
      'huge-definition',
      'largest-page',
      'many-directives',
      'many-tokens',
      'report-aliases-31',
      'report-aliases',
      'report-year-10000',
      'report-year-negative',
      'report-year-zero',
      'upload-over-body-limit',
      'upload-over-import-limit',
    ]);
  });

  it.each(corpus.map((c) => [c.name, c] as const))('%s: refused (within a second) or answered as its file says', async (_name, abuse) => {
    const token = await bearer(abuse.credential);
    const started = performance.now();
    const response = await t.api.fetch('http://api.test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        'content-length': String(Buffer.byteLength(abuse.body)),
        ...(token && { authorization: `Bearer ${token}` }),
      },
      body: abuse.body,
    });
    const answer: AbuseAnswer = { status: response.status, body: (await response.json()) as AbuseAnswer['body'] };
    const elapsed = performance.now() - started;
    expect(mismatches(abuse.expect, answer)).toEqual([]);
    // Our refusals speak Vietnamese (graphql-js's own validation messages stay as they are).
    const message = answer.body.errors?.[0]?.message ?? (Object.values(answer.body.data ?? {})[0] as { message?: string } | undefined)?.message;
    if (abuse.expect.errorCode !== 'GRAPHQL_VALIDATION_FAILED' && !abuse.expect.answered && !abuse.expect.issueCode) expect(message).toMatch(/[ạảãáàâầấậẩẫăằắặẳẵđêềếệểễôồốộổỗơờớợởỡưừứựửữíìịỉĩ]/);
    // A refusal costs next to nothing; answers are timed by `pnpm bench` (abuse-worst-ms), not here.
    if (!abuse.expect.answered) expect(elapsed).toBeLessThan(1000);
  });
});
