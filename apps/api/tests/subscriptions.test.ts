import { randomUUID } from 'node:crypto';
import { createUserWithGrant, DEMO_PARTNER_KEY, type Database } from '@antt/db';
import { createSeededTestDatabase } from '@antt/db/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../src/env.ts';
import { createEventBus, type EventBus } from '../src/events/bus.ts';
import { createApi, type Api } from '../src/yoga.ts';
import { databaseKindsUnderTest, signIn, TEST_TODAY, unexpected, useTestApi, type GraphQLResponse } from './harness.ts';
import { subscribe, type EventStream } from './sse.ts';

/*
 * Workflow events pushed over SSE: a committed action reaches the signed-in subscribers who may read
 * the unit, and nobody else; over Redis it reaches the subscribers of another API instance.
 */

const KDC = '10507-KDC01';
const PASSWORD = 'mật khẩu thử đủ dài';

const WORKFLOW_CHANGED = `subscription($areaCode: String, $programId: String) {
  workflowChanged(areaCode: $areaCode, programId: $programId) {
    assessmentId unitId unitCode unitPath programId periodYear type fromStepId toStepId role at locked revision certificateSerial revokedSerials
  }
}`;

const FOR = `query($unitCode: String!, $year: Int!) {
  assessmentFor(unitCode: $unitCode, programId: "safeSecurityOrder", periodYear: $year) {
    __typename ... on Assessment { id workflow { revision currentStep { id } } } ... on Error { code message }
  }
}`;

const OPEN = `mutation($input: OpenAssessmentInput!) { openAssessment(input: $input) { __typename ... on Error { code message } } }`;

const ACT = `mutation($id: ID!, $revision: Int!, $action: WorkflowActionInput!) {
  actOnAssessment(assessmentId: $id, revision: $revision, action: $action) {
    __typename ... on Assessment { workflow { revision certificates { serial } } } ... on Error { code message }
  }
}`;

const artefact = (kind: string) => ({ kind, documentRef: `hoso/${kind}.pdf` });
const DECISION = { recognised: true, number: '77/QĐ-UBND', date: '2025-12-20' };

/** Who takes the item of a Thành Đông residential area on from each step, and with what. */
const NEXT_STEP: Record<string, [username: string, action: Record<string, unknown>]> = {
  registration: ['truongkdc.thanhdong1', { type: 'COMPLETE', artefact: artefact('registration') }],
  selfAssessment: ['truongkdc.thanhdong1', { type: 'COMPLETE', artefact: artefact('minutes') }],
  verification: ['ca.thanhdong', { type: 'COMPLETE', artefact: artefact('report') }],
  appraisal: ['bcd.thanhdong', { type: 'COMPLETE', mode: 'MEETING', artefact: artefact('proposal') }],
  decision: ['ubnd.thanhdong', { type: 'DECIDE', decision: DECISION, artefact: artefact('decision') }],
};

type Gql = (query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse>;

/** Signs a user in once per API, for subscriptions (which need the raw token) and mutations alike. */
function sessions(api: () => Api) {
  const tokens = new Map<string, Promise<string>>();
  const token = (username: string, password?: string) => {
    if (!tokens.has(username)) tokens.set(username, signIn(api(), username, password));
    return tokens.get(username)!;
  };
  const gql = (username: string, password?: string): Gql => async (query, variables) => {
    const response = await api().fetch('http://api.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(username, password)}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse;
  };
  return { token, gql };
}

/** The item of `unitCode` for `year`, opened by the national administrator when the seed has none. */
async function item(admin: Gql, unitCode: string, year: number): Promise<{ id: string; uuid: string }> {
  let found = (await admin(FOR, { unitCode, year })).data!['assessmentFor'];
  if (found.__typename !== 'Assessment') {
    const opened = await admin(OPEN, { input: { unitCode, programId: 'safeSecurityOrder', periodYear: year } });
    expect(opened.data!['openAssessment'].__typename).toBe('Assessment');
    found = (await admin(FOR, { unitCode, year })).data!['assessmentFor'];
  }
  return { id: found.id as string, uuid: Buffer.from(found.id as string, 'base64').toString().replace('Assessment:', '') };
}

/** Takes the item one step on as `as`, on its current revision; returns the mutation's result. */
async function act(admin: Gql, as: Gql, unitCode: string, year: number, action: Record<string, unknown>) {
  const found = (await admin(FOR, { unitCode, year })).data!['assessmentFor'];
  const { data, errors } = await as(ACT, { id: found.id, revision: found.workflow.revision, action });
  expect(errors).toBeUndefined();
  expect(data!['actOnAssessment']).toMatchObject({ __typename: 'Assessment' });
  return data!['actOnAssessment'];
}

/** Moves a Thành Đông residential area's item on by one step, as whoever acts at its current step. */
async function advance(admin: Gql, users: ReturnType<typeof sessions>, unitCode: string, year: number) {
  const step = (await admin(FOR, { unitCode, year })).data!['assessmentFor'].workflow.currentStep.id as string;
  const [username, action] = NEXT_STEP[step]!;
  return { step, result: await act(admin, users.gql(username), unitCode, year, action) };
}

const change = (payload: GraphQLResponse) => {
  expect(payload.errors).toBeUndefined();
  return payload.data!['workflowChanged'];
};

describe.each(databaseKindsUnderTest())('workflow events over SSE on %s', (kind) => {
  const t = useTestApi(kind);
  const users = sessions(() => t.api);
  const admin = users.gql('bocongan');
  const streams: EventStream[] = [];
  const open = async (token: string | null, variables?: Record<string, unknown>, method?: 'GET' | 'POST') => {
    const stream = await subscribe(t.api, WORKFLOW_CHANGED, { token, ...(variables && { variables }), ...(method && { method }) });
    streams.push(stream);
    return stream;
  };
  afterAll(async () => {
    await Promise.all(streams.map((stream) => stream.close()));
  });

  it('pushes a Hải Phòng action to a Hải Phòng subscriber, with what changed', async () => {
    const { uuid } = await item(admin, KDC, 2026);
    const [unit] = await t.db.query<{ id: string }>(`SELECT id FROM "Unit" WHERE code = $1`, [KDC]);
    const stream = await open(await users.token('haiphong'));
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);

    const { step } = await advance(admin, users, KDC, 2026);
    expect(step).toBe('registration');
    const pushed = change(await stream.next());
    expect(pushed).toEqual({
      assessmentId: uuid,
      unitId: unit!.id,
      unitCode: KDC,
      unitPath: `31/10507/${KDC}`,
      programId: 'safeSecurityOrder',
      periodYear: 2026,
      type: 'COMPLETE',
      fromStepId: 'registration',
      toStepId: 'selfAssessment',
      role: 'unitHead',
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      locked: false,
      revision: 2,
      certificateSerial: null,
      revokedSerials: [],
    });
    expect(Math.abs(Date.parse(pushed.at) - Date.now())).toBeLessThan(60_000);
  });

  it('keeps events within the subscriber’s scopes and the area asked for', async () => {
    // A Hà Nội item, acted on by a unit head of its own, and a viewer of Hà Nội.
    const [hanoi] = await t.db.query<{ code: string; path: string }>(
      `SELECT code, path FROM "UnitVersion" WHERE "validTo" IS NULL AND "provinceCode" = '01' AND kind IN ('commune', 'ward') ORDER BY code LIMIT 1`,
    );
    await createUserWithGrant(t.db, { username: 'truong.hanoi', displayName: 'Trưởng đơn vị, Hà Nội', password: PASSWORD, role: 'unitHead', scopePath: hanoi!.path });
    await createUserWithGrant(t.db, { username: 'xem.hanoi', displayName: 'Cán bộ xem, Hà Nội', password: PASSWORD, role: 'viewer', scopePath: '01' });
    await item(admin, hanoi!.code, 2026);
    await item(admin, KDC, 2028);

    const hanoiViewer = await open(await users.token('xem.hanoi', PASSWORD), undefined, 'GET');
    const haiphongViewer = await open(await users.token('xem.haiphong'));
    const nationalOnHanoi = await open(await users.token('bocongan'), { areaCode: '01' });
    const communeOfficer = await open(await users.token('ca.thanhdong'), { areaCode: '10507', programId: 'safeSecurityOrder' });

    await advance(admin, users, KDC, 2028);
    await act(admin, users.gql('truong.hanoi', PASSWORD), hanoi!.code, 2026, NEXT_STEP['registration']![1]);
    await advance(admin, users, KDC, 2028);

    // Each stream's first event is the first one in its scope: the Hải Phòng action never reached Hà Nội.
    expect(change(await hanoiViewer.next())).toMatchObject({ unitCode: hanoi!.code, unitPath: hanoi!.path, periodYear: 2026 });
    expect(change(await nationalOnHanoi.next())).toMatchObject({ unitCode: hanoi!.code });
    // …and the Hà Nội action never reached Hải Phòng: its second event is the second Hải Phòng action.
    expect(change(await haiphongViewer.next())).toMatchObject({ unitCode: KDC, periodYear: 2028, fromStepId: 'registration' });
    expect(change(await haiphongViewer.next())).toMatchObject({ unitCode: KDC, periodYear: 2028, fromStepId: 'selfAssessment' });
    expect(change(await communeOfficer.next())).toMatchObject({ unitCode: KDC, fromStepId: 'registration' });
    expect(change(await communeOfficer.next())).toMatchObject({ unitCode: KDC, fromStepId: 'selfAssessment' });
  });

  it('carries the certificate a decision issues and the serials an unlock revokes', async () => {
    // The seeded 2025 item: its outcome was met, so it may be recognised.
    await item(admin, KDC, 2025);
    const stream = await open(await users.token('haiphong'), { areaCode: KDC });
    for (let n = 0; n < 4; n++) await advance(admin, users, KDC, 2025);
    const { step, result } = await advance(admin, users, KDC, 2025);
    expect(step).toBe('decision');
    const serial = result.workflow.certificates[0].serial as string;
    await act(admin, users.gql('haiphong'), KDC, 2025, { type: 'UNLOCK', reason: 'Sai số liệu' });

    const steps = [];
    for (let n = 0; n < 4; n++) steps.push(change(await stream.next()).toStepId);
    expect(steps).toEqual(['selfAssessment', 'verification', 'appraisal', 'decision']);
    expect(change(await stream.next())).toMatchObject({ type: 'DECIDE', role: 'peoplesCommitteeApprover', fromStepId: 'decision', toStepId: null, locked: true, certificateSerial: serial, revokedSerials: [] });
    expect(change(await stream.next())).toMatchObject({ type: 'UNLOCK', role: 'provinceAdmin', locked: false, certificateSerial: null, revokedSerials: [serial] });
  });

  it('refuses anonymous subscribers, callers who may not read assessments, and unknown or foreign areas', async () => {
    const refusal = async (token: string | null, variables?: Record<string, unknown>) => {
      const stream = await open(token, variables);
      const { data, errors } = await stream.next();
      expect(data ?? null).toBeNull();
      await expect(stream.next(1000)).rejects.toThrow('the stream completed');
      return errors?.map((error) => error.extensions?.['code']);
    };
    expect(await refusal(null)).toEqual(['UNAUTHENTICATED']);
    expect(await refusal('ses_not-a-session')).toEqual(['UNAUTHENTICATED']);
    expect(await refusal(DEMO_PARTNER_KEY)).toEqual(['FORBIDDEN']);
    const haiphong = await users.token('haiphong');
    expect(await refusal(haiphong, { areaCode: '01' })).toEqual(['FORBIDDEN']);
    expect(await refusal(haiphong, { areaCode: 'no-such-unit' })).toEqual(['NOT_FOUND']);
    expect(await refusal(haiphong, { programId: 'noSuchProgram' })).toEqual(['NOT_FOUND']);
  });

  it('ends a subscription when its session logs out, and only that one', async () => {
    const leaving = await signIn(t.api, 'xem.haiphong');
    const staying = await signIn(t.api, 'xem.haiphong');
    const ended = await open(leaving);
    const open2 = await open(staying);
    const logout = await t.api.fetch('http://api.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${leaving}` },
      body: JSON.stringify({ query: 'mutation { logout }' }),
    });
    expect(await logout.json()).toEqual({ data: { logout: true } });
    await expect(ended.next()).rejects.toThrow('the stream completed');
    // The other session of the same person still hears the next action.
    await item(admin, KDC, 2029);
    await advance(admin, users, KDC, 2029);
    expect(change(await open2.next())).toMatchObject({ unitCode: KDC, periodYear: 2029 });
  });
});

const redisUrl = readEnv().TEST_REDIS_URL;

describe.each(databaseKindsUnderTest())('workflow events between two API instances over Redis on %s', (kind) => {
  // One database, two API instances with a pub/sub each, on a Redis channel of this run only.
  const namespace = `antt-test-${randomUUID()}`;
  let db: Database | undefined;
  let buses: EventBus[] = [];
  let observer: Redis | undefined;
  const reported: string[] = [];

  beforeAll(async () => {
    if (!redisUrl) return;
    db = await createSeededTestDatabase(kind);
    buses = [0, 1].map(() => createEventBus({ redisUrl, namespace, report: (message) => reported.push(message) }));
    observer = new Redis(redisUrl);
  });
  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
    await observer?.quit();
    await db?.close();
  });

  /** How many connections listen on this run's channels (of one topic, or of all). */
  async function listeners(topic = '*'): Promise<number> {
    const channels = (await observer!.pubsub('CHANNELS', `${topic}:${namespace}`)) as string[];
    if (channels.length === 0) return 0;
    const counts = (await observer!.pubsub('NUMSUB', ...channels)) as Array<string | number>;
    return counts.filter((_, index) => index % 2 === 1).reduce<number>((sum, count) => sum + Number(count), 0);
  }

  it.skipIf(!redisUrl)('pushes an action taken on one instance to a subscriber of the other', async () => {
    const [a, b] = buses.map((events) => createApi({ db: db!, today: () => TEST_TODAY, events, onUnexpectedError: (error) => unexpected.push(error) })) as [Api, Api];
    expect(buses.map((bus) => bus.transport)).toEqual(['redis', 'redis']);
    const onB = sessions(() => b);
    const { uuid } = await item(onB.gql('bocongan'), KDC, 2026);

    const stream = await subscribe(a, WORKFLOW_CHANGED, { token: await signIn(a, 'xem.haiphong'), variables: { areaCode: '10507' } });
    try {
      // One subscription listens for workflow changes and for its credential being revoked.
      await expect.poll(() => listeners('workflowChanged'), { timeout: 5000 }).toBe(1);
      await expect.poll(() => listeners('credentialRevoked'), { timeout: 5000 }).toBe(1);
      await advance(onB.gql('bocongan'), onB, KDC, 2026);
      expect(change(await stream.next())).toMatchObject({ assessmentId: uuid, unitCode: KDC, type: 'COMPLETE', fromStepId: 'registration', revision: 2 });
    } finally {
      await stream.close();
    }
    // A logout through the other instance ends a subscription opened on this one.
    const token = await signIn(a, 'xem.haiphong');
    const ending = await subscribe(a, WORKFLOW_CHANGED, { token });
    await expect.poll(() => listeners('credentialRevoked'), { timeout: 5000 }).toBe(1);
    const logout = await b.fetch('http://api.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'mutation { logout }' }),
    });
    expect(await logout.json()).toEqual({ data: { logout: true } });
    await expect(ending.next()).rejects.toThrow('the stream completed');
    // The subscriber's going leaves no listener on Redis behind.
    await expect.poll(listeners, { timeout: 5000 }).toBe(0);
    expect(reported).toEqual([]);
    expect(unexpected.splice(0)).toEqual([]);
  });
});
