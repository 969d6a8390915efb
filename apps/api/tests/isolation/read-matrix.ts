import { createUserWithGrant } from '@antt/db';
import type { GraphQLResponse, TestApi } from '../harness.ts';

/*
 * The read isolation matrix: every query and every field that returns another object, asked by every
 * demo role, the demo partner key and an anonymous caller, each about its own subtree, another
 * province (Hà Nội, 01, which has no demo data of its own) and the unit above its scope.
 *
 * The expected answers are written by hand below, one row per probe: they are what the platform
 * promises (README, issue 9), not what `ROLE_PERMISSIONS` or `can()` compute, so a wrong permission
 * table in packages/criteria/src/access.ts fails this file.
 */

/** One letter per outcome. */
export type Outcome =
  | 'A' // allowed: the target is in the answer
  | 'E' // answered, but the target is filtered out (absent from a list, an empty list, a null link)
  | 'N' // NotFoundError (code NOT_FOUND): answered exactly like something that does not exist
  | 'I' // a typed validation answer (invalid definition, ValidationError)
  | 'F' // FORBIDDEN
  | 'U' // UNAUTHENTICATED
  | '-'; // no such target (nothing is above the nation) or the probe does not depend on the target

/**
 * The callers, in the order of the expectation columns. Their targets:
 *   national roles      own: the nation ('')       other: Hà Nội (01)          parent: —
 *   province-wide (31)  own: Hải Phòng (31)        other: Hà Nội (01)          parent: the nation ('')
 *   commune (10507)     own: 31/10507              other: a Hà Nội ward        parent: 31
 *   unit head (KDC01)   own: 31/10507/10507-KDC01  other: a Hà Nội ward        parent: 31/10507
 * The partner key is read-only on 31, like a province-wide caller; the anonymous caller is asked
 * about the same targets as a province-wide caller.
 */
export const CALLERS = [
  { name: 'bocongan', scope: '' },
  { name: 'boconganbo', scope: '' },
  { name: 'haiphong', scope: '31' },
  { name: 'catp.haiphong', scope: '31' },
  { name: 'xem.haiphong', scope: '31' },
  { name: 'ca.thanhdong', scope: '31/10507' },
  { name: 'bcd.thanhdong', scope: '31/10507' },
  { name: 'ubnd.thanhdong', scope: '31/10507' },
  { name: 'truongkdc.thanhdong1', scope: '31/10507/10507-KDC01' },
  { name: 'partner key', scope: '31' },
  { name: 'anonymous', scope: '31' },
] as const;

/** One cell per caller (columns as in CALLERS), three letters each: own, other province, parent. */
export type Row = readonly [string, string, string, string, string, string, string, string, string, string, string];

const PROGRAM = 'safeSecurityOrder';
/** The national template the matrix's drafts extend. */
const TEMPLATE = { setId: 'tt124-commune', version: 1 };
/** The year of the assessments the setup opens (nothing else is assessed then). */
const YEAR = 2031;
const KDC = '10507-KDC01';
const KDC_PATH = `31/10507/${KDC}`;
/** A Hải Phòng ward outside Thành Đông, with demo results. */
const OTHER_WARD_31 = '10525';

/** What the setup prepared for one target path. */
export interface Target {
  readonly path: string;
  /** The unit at the path; none for the nation. */
  readonly code?: string;
  /** The province holding the path; none for the nation. */
  readonly province?: string;
  /** A unit at (or, for a province, inside) the path, with a YEAR assessment opened by the setup. */
  readonly assessed?: { readonly code: string; readonly kind: string; readonly parentCode: string; readonly id: string };
  /** The draft criteria set the setup created for the area owning the path (the nation, or the province). */
  readonly setId: string;
}

interface Request {
  readonly query: string;
  readonly variables?: Record<string, unknown>;
}

export interface Probe {
  readonly name: string;
  /** The root field it asks. */
  readonly root: string;
  /** The object-returning fields it reads on the way (Type.field). */
  readonly covers: readonly string[];
  /** Independent of the target: only the first letter of each cell counts, the others are '-'. */
  readonly fixed?: boolean;
  /** undefined: no such target. The root field is aliased `r`. */
  request(x: Target, fx: Fixtures): Request | undefined;
  /** Whether the answer holds the target (A) or filters it out (E); default: any answer is A. */
  present?(r: any, x: Target, fx: Fixtures): boolean | Outcome;
  readonly expected: Row;
}

export interface Fixtures {
  readonly haNoiWard: string;
  readonly certificateSerial: string;
  /** Definition of a Hải Phòng draft extending a given set (for validateCriteriaSetDefinition). */
  extending(setId: string): Record<string, unknown>;
}

/** The accounts the setup creates, one viewer on each target path. */
const READ_USER = 'iso.read.';
const setOf = (area: string) => `iso-read-${area === '' ? 'nation' : area}`;
const targetTitle = (area: string) => `Mục tiêu thử đọc (${area || 'toàn quốc'})`;
const codes = (edges: Array<{ node: { code: string } }>) => edges.map((edge) => edge.node.code);

const UNIT = (fields: string) => `query($code: String!) { r: unit(code: $code) { __typename ... on Error { code } ... on Unit { code ${fields} } } }`;
const unitAt = (fields: string) => (x: Target) => (x.code ? { query: UNIT(fields), variables: { code: x.code } } : undefined);
const ASSESSMENT = (fields: string) =>
  `query($code: String!, $year: Int!) { r: assessmentFor(unitCode: $code, programId: "${PROGRAM}", periodYear: $year) { __typename ... on Error { code } ... on Assessment { id ${fields} } } }`;
const SET_VERSION = (fields: string) =>
  `query($setId: String!) { r: criteriaSetVersion(setId: $setId, version: 1) { __typename ... on Error { code } ... on CriteriaSetVersion { setId ${fields} } } }`;
const REPORT_FIELDS = `units met breakdown { areaCode units } criterionFailures { code count } drillDown(first: 5) { totalCount edges { node { code } } }
  previous { units met } target { reached missing } workflow { decided recognised returns }`;
const setListed = (sets: Array<{ id: string; versions: Array<{ setId: string; version: number }> }>, x: Target) =>
  sets.some((set) => set.id === x.setId && set.versions.some((v) => v.setId === x.setId && v.version === 1));

//  Columns:          bocongan boconganbo haiphong catp.hp xem.hp ca.td  bcd.td ubnd.td kdc1   key    anonymous
export const PROBES: readonly Probe[] = [
  // ── units ─────────────────────────────────────────────────────────────────────────────────────
  {
    name: 'unit(code)',
    root: 'unit',
    covers: [],
    request: unitAt('name'),
    expected: ['-A-', '-A-', 'AF-', 'AF-', 'AF-', 'AFF', 'AFF', 'AFF', 'AFF', 'AF-', 'UU-'],
  },
  {
    name: 'unit(code) of a code that exists nowhere',
    root: 'unit',
    covers: [],
    fixed: true,
    request: () => ({ query: UNIT('name'), variables: { code: 'iso-no-such-unit' } }),
    // Today's design: unit codes are administrative and public, so a missing one is NOT_FOUND to any
    // reader (while a foreign one is FORBIDDEN). For units a province imports this tells a province
    // which codes exist elsewhere; see the report of issue 9 §3.
    expected: ['N--', 'N--', 'N--', 'N--', 'N--', 'N--', 'N--', 'N--', 'N--', 'N--', 'U--'],
  },
  {
    name: 'units(search: code) lists the unit',
    root: 'units',
    covers: [],
    request: (x) => x.code === undefined ? undefined : { query: `query($code: String!) { r: units(filter: { search: $code }, first: 1000) { edges { node { code } } } }`, variables: { code: x.code } },
    present: (r, x) => codes(r.edges).includes(x.code!),
    expected: ['-A-', '-A-', 'AE-', 'AE-', 'AE-', 'AEE', 'AEE', 'AEE', 'AEE', 'AE-', 'UU-'],
  },
  {
    name: 'Unit.children has units',
    root: 'unit',
    covers: ['Unit.children'],
    request: unitAt('children(first: 1000) { totalCount edges { node { code } } }'),
    present: (r) => r.children.totalCount > 0,
    expected: ['-A-', '-A-', 'AF-', 'AF-', 'AF-', 'AFF', 'AFF', 'AFF', 'EFF', 'AF-', 'UU-'],
  },
  {
    name: 'Unit.parent is given',
    root: 'unit',
    covers: ['Unit.parent'],
    request: unitAt('parent { code name }'),
    present: (r) => r.parent !== null,
    // A commune's parent is its province: the breadcrumb of a unit the caller reads.
    expected: ['-E-', '-E-', 'EF-', 'EF-', 'EF-', 'AFF', 'AFF', 'AFF', 'AFF', 'EF-', 'UU-'],
  },
  {
    name: 'Unit.parent.children lists units beside the target outside the caller’s scope',
    root: 'unit',
    covers: ['Unit.parent', 'Unit.children'],
    request: unitAt('parent { children(first: 1000) { edges { node { code } } } }'),
    present: (r, x) => (r.parent ? codes(r.parent.children.edges).some((code) => code !== x.code) : false),
    expected: ['-E-', '-E-', 'EF-', 'EF-', 'EF-', 'EFF', 'EFF', 'EFF', 'EFF', 'EF-', 'UU-'],
  },
  {
    name: 'Unit.history',
    root: 'unit',
    covers: ['Unit.history'],
    request: unitAt('history { code validFrom validTo history { code } }'),
    present: (r, x) => r.history.length > 0 && r.history.every((v: { code: string }) => v.code === x.code),
    expected: ['-A-', '-A-', 'AF-', 'AF-', 'AF-', 'AFF', 'AFF', 'AFF', 'AFF', 'AF-', 'UU-'],
  },
  {
    name: 'Unit.predecessors / successors / LineageLink.from / to',
    root: 'unit',
    covers: ['Unit.predecessors', 'Unit.successors', 'LineageLink.from', 'LineageLink.to'],
    request: unitAt('predecessors { event fromCode from { code provinceCode } to { code } } successors { event to { code } from { code } }'),
    expected: ['-A-', '-A-', 'AF-', 'AF-', 'AF-', 'AFF', 'AFF', 'AFF', 'AFF', 'AF-', 'UU-'],
  },
  {
    name: 'Unit.predecessors of Thành Đông name old wards of Hải Dương (kept on purpose)',
    root: 'unit',
    covers: ['Unit.predecessors', 'LineageLink.from'],
    fixed: true,
    request: () => ({ query: UNIT('predecessors { from { code provinceCode } }'), variables: { code: '10507' } }),
    present: (r) => r.predecessors.some((link: { from: { provinceCode: string | null } }) => link.from.provinceCode !== '31'),
    expected: ['A--', 'A--', 'A--', 'A--', 'A--', 'A--', 'A--', 'A--', 'F--', 'A--', 'U--'],
  },
  {
    name: 'Unit.assessment / assessments of the unit',
    root: 'unit',
    covers: ['Unit.assessment', 'Unit.assessments'],
    request: unitAt(`assessments { id programId } assessment(programId: "${PROGRAM}", periodYear: ${YEAR}) { id }`),
    present: (r) => r.assessments.length > 0 && r.assessment !== null,
    // A province itself is not assessed; the partner key never reads assessments.
    expected: ['-E-', '-E-', 'EF-', 'EF-', 'EF-', 'AFF', 'AFF', 'AFF', 'AFF', 'EF-', 'UU-'],
  },
  {
    name: 'Unit.assessments of a unit the partner key reads (filtered for it)',
    root: 'unit',
    covers: ['Unit.assessments'],
    request: (x) => x.assessed && { query: UNIT('assessments { id }'), variables: { code: x.assessed.code } },
    present: (r) => r.assessments.length > 0,
    expected: ['-A-', '-A-', 'AF-', 'AF-', 'AF-', 'AFF', 'AFF', 'AFF', 'AFF', 'EF-', 'UU-'],
  },

  // ── assessments and the workflow ──────────────────────────────────────────────────────────────
  {
    name: 'assessmentFor',
    root: 'assessmentFor',
    covers: [],
    request: (x) => x.assessed && { query: ASSESSMENT('outcome'), variables: { code: x.assessed.code, year: YEAR } },
    expected: ['-A-', '-A-', 'AF-', 'AF-', 'AF-', 'AFF', 'AFF', 'AFF', 'AFF', 'FF-', 'UU-'],
  },
  {
    name: 'Assessment.unit / program / setVersion / results / explanation / workflow',
    root: 'assessmentFor',
    covers: [
      'Assessment.unit',
      'Assessment.program',
      'Assessment.setVersion',
      'Assessment.results',
      'RecordedResult.attachments',
      'Assessment.explanation',
      'Evaluation.criteria',
      'Evaluation.failingCriteria',
      'Evaluation.whatWouldChange',
      'CriterionEvaluation.hints',
      'Assessment.workflow',
      'Workflow.steps',
      'Workflow.currentStep',
      'Workflow.deadlines',
      'Workflow.history',
      'Workflow.decision',
      'Workflow.certificates',
      'CriteriaSetVersion.set',
    ],
    request: (x) =>
      x.assessed && {
        query: ASSESSMENT(`unit { code } program { id } setVersion { setId set { id } } results { criterionId attachments { documentRef } }
          explanation { summary criteria { id hints { text } } failingCriteria { id } whatWouldChange { text } }
          workflow { steps { id } currentStep { id } deadlines { stepId } history { by } decision { number } certificates { serial } }`),
        variables: { code: x.assessed.code, year: YEAR },
      },
    present: (r, x) => r.unit.code === x.assessed!.code && r.workflow !== null && r.setVersion.set.id === r.setVersion.setId,
    expected: ['-A-', '-A-', 'AF-', 'AF-', 'AF-', 'AFF', 'AFF', 'AFF', 'AFF', 'FF-', 'UU-'],
  },
  {
    name: 'assessmentFor a period nobody assessed',
    root: 'assessmentFor',
    covers: [],
    request: (x) => x.assessed && { query: ASSESSMENT('outcome'), variables: { code: x.assessed.code, year: 2099 } },
    // Missing in one's own scope is NOT_FOUND; in another province it is FORBIDDEN, as if it existed.
    expected: ['-N-', '-N-', 'NF-', 'NF-', 'NF-', 'NFF', 'NFF', 'NFF', 'NFF', 'FF-', 'UU-'],
  },
  {
    name: 'assessmentFor an unknown unit',
    root: 'assessmentFor',
    covers: [],
    fixed: true,
    request: () => ({ query: ASSESSMENT('outcome'), variables: { code: 'iso-no-such-unit', year: 2026 } }),
    expected: ['N--', 'N--', 'F--', 'F--', 'F--', 'F--', 'F--', 'F--', 'F--', 'F--', 'U--'],
  },
  {
    name: 'a decided workflow: WorkflowEvent.by / artefact / decision, Workflow.certificates',
    root: 'assessmentFor',
    covers: ['Workflow.history', 'WorkflowEvent.artefact', 'WorkflowEvent.decision', 'Workflow.decision', 'Workflow.certificates'],
    fixed: true,
    request: () => ({
      query: ASSESSMENT('workflow { history { by role artefact { kind } decision { number } } decision { number recognised } certificates { serial } }'),
      variables: { code: KDC, year: 2026 },
    }),
    present: (r, _x, fx) => r.workflow.history.length === 5 && r.workflow.certificates.some((c: { serial: string }) => c.serial === fx.certificateSerial),
    expected: ['A--', 'A--', 'A--', 'A--', 'A--', 'A--', 'A--', 'A--', 'A--', 'F--', 'U--'],
  },
  {
    name: 'verifyCertificate (public)',
    root: 'verifyCertificate',
    covers: [],
    fixed: true,
    request: (_x, fx) => ({
      query: `query($serial: String!) { r: verifyCertificate(serial: $serial) { __typename ... on Error { code } ... on CertificateCheck { valid unitCode } } }`,
      variables: { serial: fx.certificateSerial },
    }),
    // Anyone may check a serial; only readers of the assessment see more than the certificate prints.
    present: (r) => (r.valid !== true ? false : r.unitCode === KDC ? 'A' : r.unitCode === null ? 'E' : false),
    expected: ['A--', 'A--', 'A--', 'A--', 'A--', 'A--', 'A--', 'A--', 'A--', 'E--', 'E--'],
  },
  {
    name: 'workflowQueue lists the target’s item',
    root: 'workflowQueue',
    covers: ['WorkflowQueue.items'],
    request: (x) =>
      x.assessed && {
        query: `query($area: String!) { r: workflowQueue(programId: "${PROGRAM}", periodYear: ${YEAR}, areaCode: $area) { __typename ... on Error { code } ... on WorkflowQueue { total items { unitCode } } } }`,
        variables: { area: x.assessed.parentCode },
      },
    present: (r, x) => r.items.some((item: { unitCode: string }) => item.unitCode === x.assessed!.code),
    expected: ['-A-', '-A-', 'AF-', 'AF-', 'AF-', 'AFE', 'AFE', 'AFE', 'AFE', 'FF-', 'UU-'],
  },
  {
    name: 'workflowBulkPlan lists the target’s item',
    root: 'workflowBulkPlan',
    covers: ['WorkflowBulkPlan.ready', 'WorkflowBulkPlan.skipped'],
    request: (x) =>
      x.assessed && {
        query: `query($area: String!) { r: workflowBulkPlan(programId: "${PROGRAM}", periodYear: ${YEAR}, areaCode: $area, action: COMPLETE) {
          __typename ... on Error { code } ... on WorkflowBulkPlan { ready { unitCode } skipped { unitCode } } } }`,
        variables: { area: x.assessed.parentCode },
      },
    present: (r, x) => [...r.ready, ...r.skipped].some((item: { unitCode: string }) => item.unitCode === x.assessed!.code),
    // A viewer and a partner key act on nothing.
    expected: ['-A-', '-A-', 'AF-', 'AF-', 'FF-', 'AFE', 'AFE', 'AFE', 'AFE', 'FF-', 'UU-'],
  },

  // ── reports ───────────────────────────────────────────────────────────────────────────────────
  {
    name: 'report with every nested figure',
    root: 'report',
    covers: ['Report.breakdown', 'Report.criterionFailures', 'Report.drillDown', 'Report.previous', 'Report.target', 'Report.workflow'],
    request: (x) => ({
      query: `query($area: String) { r: report(programId: "${PROGRAM}", periodYear: 2026, areaCode: $area) { __typename ... on Error { code } ... on Report { ${REPORT_FIELDS} } } }`,
      variables: { area: x.code ?? null },
    }),
    // The nation's report is everyone's, counted over what they read; an area above one's scope too.
    expected: ['AA-', 'AA-', 'AFA', 'AFA', 'AFA', 'AFA', 'AFA', 'AFA', 'AFA', 'AFA', 'UUU'],
  },
  {
    name: 'Report.breakdown of the nation lists the target’s province',
    root: 'report',
    covers: ['Report.breakdown'],
    request: (x) =>
      x.province === undefined ? undefined : {
        // Wards and residential areas: every caller reads some (a unit head only its residential area).
        query: `{ r: report(programId: "${PROGRAM}", periodYear: 2026, unitKinds: ["ward", "residentialArea"]) {
          __typename ... on Error { code } ... on Report { breakdown { areaCode breakdown { areaCode } } } } }`,
      },
    present: (r, x) => r.breakdown.some((row: { areaCode: string }) => row.areaCode === x.province),
    expected: ['-A-', '-A-', 'AE-', 'AE-', 'AE-', 'AEA', 'AEA', 'AEA', 'AEA', 'AE-', 'UU-'],
  },
  {
    name: 'Report.drillDown lists the target unit',
    root: 'report',
    covers: ['Report.drillDown', 'Unit.assessment'],
    request: (x) =>
      x.assessed && {
        query: `query($area: String!, $kinds: [String!]) { r: report(programId: "${PROGRAM}", periodYear: 2026, areaCode: $area, unitKinds: $kinds) {
          __typename ... on Error { code } ... on Report { drillDown(first: 1000) { edges { node { code assessment(programId: "${PROGRAM}") { id } } } } } } }`,
        variables: { area: x.assessed.parentCode, kinds: [x.assessed.kind] },
      },
    present: (r, x) => codes(r.drillDown.edges).includes(x.assessed!.code),
    expected: ['-A-', '-A-', 'AF-', 'AF-', 'AF-', 'AFE', 'AFE', 'AFE', 'AFE', 'AF-', 'UU-'],
  },
  {
    name: 'coverage with bySet / uncovered / uncoveredByKind',
    root: 'coverage',
    covers: ['Coverage.bySet', 'Coverage.uncovered', 'Coverage.uncoveredByKind'],
    request: (x) => ({
      query: `query($area: String) { r: coverage(programId: "${PROGRAM}", periodYear: 2026, areaCode: $area) { __typename ... on Error { code }
        ... on Coverage { units bySet { setId units } uncoveredByKind { kind units } uncovered(first: 5) { totalCount edges { node { code } } } } } }`,
      variables: { area: x.code ?? null },
    }),
    expected: ['AA-', 'AA-', 'AFA', 'AFA', 'AFA', 'AFA', 'AFA', 'AFA', 'AFA', 'AFA', 'UUU'],
  },
  {
    name: 'restatedResults with communes / predecessors / units',
    root: 'restatedResults',
    covers: ['RestatedResults.communes', 'RestatedResults.totals', 'RestatedCommune.unit', 'RestatedCommune.predecessors', 'RestatedPredecessor.unit'],
    request: (x) => ({
      query: `query($area: String) { r: restatedResults(programId: "${PROGRAM}", periodYear: 2024, areaCode: $area) { __typename ... on Error { code }
        ... on RestatedResults { totals { communes } communes { code unit { code } predecessors { code unit { code } } } } } }`,
      // Restatement is by commune: a residential area's is its commune's.
      variables: { area: x.path === KDC_PATH ? '10507' : (x.code ?? null) },
    }),
    expected: ['AA-', 'AA-', 'AFA', 'AFA', 'AFA', 'AFA', 'AFA', 'AFA', 'AFA', 'AFA', 'UUU'],
  },

  // ── criteria sets ─────────────────────────────────────────────────────────────────────────────
  // National sets are every reader's; a province's (drafts included) only its own readers'. A
  // foreign one is answered like a missing one: NOT_FOUND, or absent from lists.
  {
    name: 'criteriaSetVersion with criteria / resolved / diffWithParent / set',
    root: 'criteriaSetVersion',
    covers: ['CriteriaSetVersion.criteria', 'CriteriaSetVersion.diffWithParent', 'CriteriaSetDiff.changes', 'CriteriaSetVersion.set', 'CriteriaSet.program'],
    request: (x) => ({ query: SET_VERSION('definition resolved criteria { id } diffWithParent { breakingCount changes { code } } set { id program { id } }'), variables: { setId: x.setId } }),
    expected: ['AA-', 'AA-', 'ANA', 'ANA', 'ANA', 'ANA', 'ANA', 'ANA', 'ANA', 'ANA', 'UUU'],
  },
  {
    name: 'exportCriteriaPackage',
    root: 'exportCriteriaPackage',
    covers: [],
    request: (x) => ({
      query: `query($setId: String!) { r: exportCriteriaPackage(setId: $setId, version: 1) { __typename ... on Error { code } ... on CriteriaPackageExport { sets package } } }`,
      variables: { setId: x.setId },
    }),
    expected: ['AA-', 'AA-', 'ANA', 'ANA', 'ANA', 'ANA', 'ANA', 'ANA', 'ANA', 'ANA', 'UUU'],
  },
  {
    name: 'diffCriteriaSetVersions from the national template',
    root: 'diffCriteriaSetVersions',
    covers: ['CriteriaSetDiff.changes'],
    request: (x) => ({
      query: `query($from: SetRefInput!, $to: SetRefInput!) { r: diffCriteriaSetVersions(from: $from, to: $to) { __typename ... on Error { code } ... on CriteriaSetDiff { changes { code after } } } }`,
      variables: { from: TEMPLATE, to: { setId: x.setId, version: 1 } },
    }),
    expected: ['AA-', 'AA-', 'ANA', 'ANA', 'ANA', 'ANA', 'ANA', 'ANA', 'ANA', 'ANA', 'UUU'],
  },
  {
    name: 'previewCriteriaSetImpact on the target’s results',
    root: 'previewCriteriaSetImpact',
    covers: ['ImpactPreview.metToNotMet', 'ImpactPreview.notMetToMet', 'ImpactPreview.otherChanges'],
    request: (x) => ({
      query: `query($setId: String!, $within: String) { r: previewCriteriaSetImpact(setId: $setId, version: 1, periodYear: 2026, withinCode: $within) {
        __typename ... on Error { code } ... on ImpactPreview { evaluated metToNotMet { unitCode } notMetToMet { unitCode } otherChanges { unitCode } } } }`,
      // Below a province: the target's own area; a province or the nation: the default area.
      variables: { setId: x.setId, within: x.path.includes('/') ? x.code : null },
    }),
    // It reads stored results too: assessments.read on the area (the partner key has none). A
    // commune's staff previewing over their province (the default area of its sets) are refused.
    expected: ['AA-', 'AA-', 'ANA', 'ANA', 'ANA', 'ANF', 'ANF', 'ANF', 'ANF', 'FNF', 'UUU'],
  },
  {
    name: 'criteriaSets(provinceCode) lists the set and its versions',
    root: 'criteriaSets',
    covers: ['CriteriaSet.versions', 'CriteriaSet.program'],
    request: (x) => ({
      query: `query($province: String) { r: criteriaSets(provinceCode: $province, first: 1000) { edges { node { id program { id } versions { setId version definition } } } } }`,
      variables: { province: x.province ?? null },
    }),
    present: (r, x) => setListed(r.edges.map((edge: { node: unknown }) => edge.node), x),
    expected: ['AA-', 'AA-', 'AEA', 'AEA', 'AEA', 'AEA', 'AEA', 'AEA', 'AEA', 'AEA', 'UUU'],
  },
  {
    name: 'programs { sets { versions } } lists the set',
    root: 'programs',
    covers: ['Program.sets', 'CriteriaSet.versions'],
    request: () => ({ query: `{ r: programs { id sets { id versions { setId version definition } } } }` }),
    present: (r, x) => setListed(r.flatMap((program: { sets: unknown[] }) => program.sets), x),
    expected: ['AA-', 'AA-', 'AEA', 'AEA', 'AEA', 'AEA', 'AEA', 'AEA', 'AEA', 'AEA', 'UUU'],
  },
  {
    name: 'criteriaSetVersion(template).set.program.sets lists the set',
    root: 'criteriaSetVersion',
    covers: ['CriteriaSetVersion.set', 'CriteriaSet.program', 'Program.sets', 'CriteriaSet.versions'],
    request: () => ({ query: SET_VERSION('set { program { sets { id versions { setId version definition } } } }'), variables: { setId: TEMPLATE.setId } }),
    present: (r, x) => setListed(r.set.program.sets, x),
    expected: ['AA-', 'AA-', 'AEA', 'AEA', 'AEA', 'AEA', 'AEA', 'AEA', 'AEA', 'AEA', 'UUU'],
  },
  {
    name: 'validateCriteriaSetDefinition of a Hải Phòng draft extending the set',
    root: 'validateCriteriaSetDefinition',
    covers: ['ValidationReport.issues'],
    request: (x, fx) => ({ query: `query($d: JSON!) { r: validateCriteriaSetDefinition(definition: $d) { valid issues { code path } } }`, variables: { d: fx.extending(x.setId) } }),
    // Hải Phòng builds on national sets and its own, never on another province's (invalid, as if missing).
    present: (r) => (r.valid ? 'A' : 'I'),
    expected: ['AI-', 'AI-', 'AIA', 'AIA', 'AIA', 'AIA', 'AIA', 'AIA', 'AIA', 'AIA', 'UUU'],
  },

  // ── targets ───────────────────────────────────────────────────────────────────────────────────
  // Read like criteria sets: the nation's by every report reader, a province's by its own.
  {
    name: 'targets lists the target area’s own (the nation’s for the nation)',
    root: 'targets',
    covers: [],
    request: () => ({ query: `{ r: targets(programId: "${PROGRAM}") { areaPath title } }` }),
    present: (r, x) => r.some((target: { title: string }) => target.title === targetTitle(x.province ?? '')),
    expected: ['AA-', 'AA-', 'AEA', 'AEA', 'AEA', 'AEA', 'AEA', 'AEA', 'AEA', 'AEA', 'UUU'],
  },

  // ── staff accounts ────────────────────────────────────────────────────────────────────────────
  // Only users.grant holders list accounts, and only those whose every grant lies inside their subtrees.
  {
    name: 'users lists an account holding a role on the target',
    root: 'users',
    covers: ['QueryUsersSuccess.data', 'User.grants'],
    request: () => ({ query: `{ r: users { __typename ... on Error { code } ... on QueryUsersSuccess { data { username grants { role scopePath } } } } }` }),
    present: (r, x) => r.data.some((user: { username: string; grants: Array<{ scopePath: string }> }) => user.username.startsWith(READ_USER) && user.grants.some((g) => g.scopePath === x.path)),
    expected: ['AA-', 'FF-', 'AEE', 'FFF', 'FFF', 'FFF', 'FFF', 'FFF', 'FFF', 'FFF', 'UUU'],
  },
  {
    name: 'users(areaCode: the target unit)',
    root: 'users',
    covers: ['QueryUsersSuccess.data', 'User.grants'],
    request: (x) => (x.code ? { query: `query($area: String!) { r: users(areaCode: $area) { __typename ... on Error { code } ... on QueryUsersSuccess { data { username grants { role scopePath } } } } }`, variables: { area: x.code } } : undefined),
    present: (r, x) => r.data.some((user: { username: string; grants: Array<{ scopePath: string }> }) => user.username.startsWith(READ_USER) && user.grants.some((g) => g.scopePath === x.path)),
    expected: ['-A-', '-F-', 'AF-', 'FF-', 'FF-', 'FFF', 'FFF', 'FFF', 'FFF', 'FF-', 'UU-'],
  },

  // ── the audit trail and the caller ────────────────────────────────────────────────────────────
  // auditEvents returns only events of areas where the caller holds audit.read.
  {
    name: 'auditEvents about the target unit’s assessment (the nation: a national set)',
    root: 'auditEvents',
    covers: [],
    request: (x) => ({
      query: `query($entity: String!, $id: String!) { r: auditEvents(entity: $entity, entityId: $id) { id action entityId } }`,
      variables: x.assessed ? { entity: 'Assessment', id: x.assessed.id } : { entity: 'CriteriaSetVersion', id: `${x.setId}@1` },
    }),
    present: (r) => r.length > 0,
    expected: ['AA-', 'FF-', 'AEE', 'FFF', 'FFF', 'FFF', 'FFF', 'FFF', 'FFF', 'FFF', 'UUU'],
  },
  {
    name: 'auditEvents about the target area’s criteria set',
    root: 'auditEvents',
    covers: [],
    request: (x) => ({ query: `query($id: String!) { r: auditEvents(entity: "CriteriaSetVersion", entityId: $id) { id action } }`, variables: { id: `${x.setId}@1` } }),
    present: (r) => r.length > 0,
    expected: ['AA-', 'FF-', 'AEE', 'FFF', 'FFF', 'FFF', 'FFF', 'FFF', 'FFF', 'FFF', 'UUU'],
  },
  {
    name: 'auditEvents (everything) never holds another province’s events',
    root: 'auditEvents',
    covers: [],
    request: () => ({ query: `{ r: auditEvents(limit: 1000) { entity entityId } }` }),
    present: (r, x) =>
      r.some((event: { entity: string; entityId: string }) =>
        x.assessed ? event.entity === 'Assessment' && event.entityId === x.assessed.id : event.entityId === `${x.setId}@1`,
      ),
    expected: ['AA-', 'FF-', 'AEE', 'FFF', 'FFF', 'FFF', 'FFF', 'FFF', 'FFF', 'FFF', 'UUU'],
  },
  {
    name: 'auditChain (the whole trail: national audit.read only)',
    root: 'auditChain',
    covers: ['AuditChainCheck.expectedHead'],
    fixed: true,
    request: () => ({ query: `{ r: auditChain { intact events expectedHead { lastId } } }` }),
    present: (r) => r.intact === true && r.events > 0,
    expected: ['A--', 'F--', 'F--', 'F--', 'F--', 'F--', 'F--', 'F--', 'F--', 'F--', 'U--'],
  },
  {
    name: 'viewer',
    root: 'viewer',
    covers: ['Viewer.grants'],
    fixed: true,
    request: () => ({ query: `{ r: viewer { kind label grants { role scopePath permissions } } }` }),
    present: (r) => r.grants.length > 0,
    expected: ['A--', 'A--', 'A--', 'A--', 'A--', 'A--', 'A--', 'A--', 'A--', 'A--', 'U--'],
  },
];

/** Queries nobody needs to be kept out of: none today; every query is in the matrix. */
export const ROOTS_WITHOUT_PROBE: readonly string[] = [];

/** Types reached only as plumbing or as typed errors: their fields say nothing about who reads what. */
export const isPlumbing = (type: string) => type.endsWith('Connection') || type.endsWith('ConnectionEdge') || type === 'PageInfo' || type.endsWith('Error');

export function targetsOf(scope: string, haNoiWard: string): [string, string, string | undefined] {
  const depth = scope === '' ? 0 : scope.split('/').length;
  const other = depth <= 1 ? '01' : `01/${haNoiWard}`;
  const parent = depth === 0 ? undefined : scope.split('/').slice(0, -1).join('/');
  return [scope, other, parent];
}

export function classify(response: GraphQLResponse, probe: Probe, x: Target, fx: Fixtures): string {
  if (response.errors?.length) {
    const found = [...new Set(response.errors.map((error) => error.extensions?.['code']))];
    if (found.length === 1 && found[0] === 'FORBIDDEN') return 'F';
    if (found.length === 1 && found[0] === 'UNAUTHENTICATED') return 'U';
    return `?${JSON.stringify(response.errors.map((error) => error.message))}`;
  }
  const r = response.data?.['r'];
  if (r === undefined || r === null) return `?${JSON.stringify(response.data)}`;
  if (r.__typename === 'NotFoundError') return 'N';
  if (r.__typename === 'ValidationError') return 'I';
  if (typeof r.__typename === 'string' && r.__typename.endsWith('Error')) return `?${JSON.stringify(r)}`;
  const seen = probe.present ? probe.present(r, x, fx) : true;
  return seen === true ? 'A' : seen === false ? 'E' : seen;
}

export const MUST = (label: string, result: GraphQLResponse, typename?: string) => {
  const r = result.data && Object.values(result.data)[0];
  if (result.errors || (typename && r?.__typename !== typename)) throw new Error(`setup (${label}) failed: ${JSON.stringify(result.errors ?? r)}`);
  return r;
};


export type Client = Pick<TestApi, 'gql'>;

/** Signs every caller in once: the demo users, the demo partner key and an anonymous client. */
export async function signInCallers(t: TestApi, partnerKey: string): Promise<Map<string, Client>> {
  const signedIn = await Promise.all(
    CALLERS.map(async ({ name }) => [name, name === 'bocongan' ? t : name === 'partner key' ? t.withBearer(partnerKey) : await t.as(name === 'anonymous' ? null : name)] as const),
  );
  return new Map(signedIn);
}

/**
 * The data the read matrix asks about, created as the national admin (and, for the workflow, by the
 * demo bodies that act at each step): nothing another test created is relied on.
 */
export async function prepareReads(t: TestApi, clients: Map<string, Client>): Promise<{ fx: Fixtures; targets: Map<string, Target> }> {
  const targets = new Map<string, Target>();
  const [{ code: haNoiWard }] = (await t.db.query<{ code: string }>(
    `SELECT code FROM "UnitVersion" WHERE "validTo" IS NULL AND "provinceCode" = '01' AND kind IN ('ward', 'commune') ORDER BY path LIMIT 1`,
  )) as [{ code: string }];

  // As the national admin: a draft set of the nation, of Hải Phòng and of Hà Nội (each extends the template).
  for (const area of ['', '31', '01']) {
    MUST(
      `draft of "${area}"`,
      await t.gql(`mutation($input: CreateCriteriaSetDraftInput!) { r: createCriteriaSetDraft(input: $input) { __typename ... on Error { code message } } }`, {
        input: { extendFrom: TEMPLATE, setId: setOf(area), title: `Bộ tiêu chí thử đọc (${area || 'toàn quốc'})`, ...(area && { provinceCode: area }) },
      }),
      'CriteriaSetVersion',
    );
  }
  // A target of the nation, of Hải Phòng and of Hà Nội.
  for (const area of ['', '31', '01']) {
    MUST(
      `target of "${area}"`,
      await t.gql(`mutation($input: TargetInput!) { r: createTarget(input: $input) { __typename ... on Error { code message } } }`, {
        input: { programId: PROGRAM, areaCode: area || null, unitKinds: ['commune', 'ward'], fromYear: YEAR, thresholdPercent: 90, title: targetTitle(area) },
      }),
      'Target',
    );
  }
  // A YEAR assessment of a Hải Phòng ward, Thành Đông, its residential area and a Hà Nội ward (each audited).
  const assessed = new Map<string, Target['assessed']>();
  for (const code of [OTHER_WARD_31, '10507', KDC, haNoiWard]) {
    MUST(
      `assessment of ${code}`,
      await t.gql(`mutation($input: OpenAssessmentInput!) { r: openAssessment(input: $input) { __typename ... on Error { code message } } }`, {
        input: { unitCode: code, programId: PROGRAM, periodYear: YEAR },
      }),
      'Assessment',
    );
    const [row] = await t.db.query<{ id: string; kind: string; parentCode: string }>(
      `SELECT a.id, v.kind, v."parentCode" FROM "Assessment" a JOIN "Unit" u ON u.id = a."unitId" JOIN "UnitVersion" v ON v."unitId" = u.id AND v."validTo" IS NULL
        WHERE u.code = $1 AND a."programId" = $2 AND a."periodYear" = $3`,
      [code, PROGRAM, YEAR],
    );
    assessed.set(code, { code, ...row! });
  }
  // Thành Đông's residential area through its recognition workflow to a certificate (2026).
  const kdc2026 = MUST('KDC 2026', await t.gql(ASSESSMENT('workflow { revision }'), { code: KDC, year: 2026 }), 'Assessment');
  const steps: Array<[string, Record<string, unknown>]> = [
    ['truongkdc.thanhdong1', { type: 'COMPLETE', artefact: { kind: 'registration', documentRef: 'hoso/dang-ky.pdf' } }],
    ['truongkdc.thanhdong1', { type: 'COMPLETE', artefact: { kind: 'minutes', documentRef: 'hoso/bien-ban.pdf' } }],
    ['ca.thanhdong', { type: 'COMPLETE', artefact: { kind: 'report', documentRef: 'hoso/bao-cao.pdf' } }],
    ['bcd.thanhdong', { type: 'COMPLETE', mode: 'WRITTEN_CONSULTATION', artefact: { kind: 'proposal', documentRef: 'hoso/to-trinh.pdf' } }],
    ['ubnd.thanhdong', { type: 'DECIDE', decision: { recognised: true, number: '77/QĐ-UBND', date: '2026-11-20' }, artefact: { kind: 'decision', documentRef: 'hoso/quyet-dinh.pdf' } }],
  ];
  let revision = kdc2026.workflow.revision as number;
  let serial = '';
  for (const [username, action] of steps) {
    const acted = MUST(
      `${username} ${action['type']}`,
      await clients.get(username)!.gql(
        `mutation($id: ID!, $revision: Int!, $action: WorkflowActionInput!) { r: actOnAssessment(assessmentId: $id, revision: $revision, action: $action) {
          __typename ... on Error { code message } ... on Assessment { workflow { revision certificates { serial } } } } }`,
        { id: kdc2026.id, revision, action },
      ),
      'Assessment',
    );
    revision = acted.workflow.revision;
    serial = acted.workflow.certificates[0]?.serial ?? serial;
  }
  const [own31] = await t.db.query<{ definition: Record<string, unknown> }>(`SELECT definition FROM "CriteriaSetVersion" WHERE "setId" = $1 AND version = 1`, [setOf('31')]);
  const fx: Fixtures = {
    haNoiWard,
    certificateSerial: serial,
    extending: (setId) => ({ ...own31!.definition, id: 'iso-read-validate', extends: { setId, version: 1 } }),
  };

  const target = (path: string, assessedCode: string | undefined): Target => ({
    path,
    ...(path && { code: path.split('/').at(-1)!, province: path.split('/')[0]! }),
    ...(assessedCode && { assessed: assessed.get(assessedCode)! }),
    setId: setOf(path.split('/')[0]!),
  });
  targets.set('', target('', undefined));
  targets.set('31', target('31', OTHER_WARD_31));
  targets.set('01', target('01', haNoiWard));
  targets.set('31/10507', target('31/10507', '10507'));
  targets.set(KDC_PATH, target(KDC_PATH, KDC));
  targets.set(`01/${haNoiWard}`, target(`01/${haNoiWard}`, haNoiWard));
  // One account per target path, stored directly (nobody signs in as them: no scrypt).
  let n = 0;
  for (const path of targets.keys()) {
    await createUserWithGrant(t.db, { username: `${READ_USER}${++n}`, displayName: `Tài khoản thử đọc ${n}`, passwordHash: 'scrypt$disabled', role: 'viewer', scopePath: path });
  }
  return { fx, targets };
}

/** Asks one probe of every caller about each of its targets, all at once: the observed and the expected tables. */
export async function observe(probe: Probe, clients: Map<string, Client>, targets: Map<string, Target>, fx: Fixtures) {
  const observed = await Promise.all(
    CALLERS.map(async (caller) => {
      const client = clients.get(caller.name)!;
      const letters = await Promise.all(
        targetsOf(caller.scope, fx.haNoiWard).map(async (path, index) => {
          if (path === undefined || (probe.fixed && index > 0)) return '-';
          const x = targets.get(path)!;
          const request = probe.request(x, fx);
          if (!request) return '-';
          return classify(await client.gql(request.query, request.variables), probe, x, fx);
        }),
      );
      return letters.every((letter) => letter.length === 1) ? letters.join('') : letters.join(' ');
    }),
  );
  const table = (row: readonly string[]) => Object.fromEntries(CALLERS.map((caller, index) => [caller.name, row[index]]));
  return { observed: table(observed), expected: table(probe.expected) };
}
