import {
  formatCertificateSerial,
  parseCertificateSerial,
  type ArtefactKind,
  type ArtefactRef,
  type Decision,
  type DefinitionIssue,
  type WorkflowAction,
  type WorkflowDefinition,
  type WorkflowEvent,
  type WorkflowState,
  type WorkflowStep,
} from '@antt/criteria';
import { builder } from '../builder.ts';
import { limitPublicCheck } from '../identity/throttle.ts';
import { assertCan, missingFor } from '../identity/actor.ts';
import { actionsFor, deadlinesOf, stateOf, workflowFor, type DeadlineView } from '../services/workflow.ts';
import { announce, loadTargets, prepareAction, storeAction, workflowIssue } from '../services/workflow-actions.ts';
import { unitPathAt } from '../services/assessments.ts';
import { AssessmentRef, assessmentUuid } from './assessments.ts';
import { ConflictError, NotFoundError, ValidationError } from './errors.ts';

/*
 * The recognition workflow of an assessment (TT124 Art. 9–11): who acts at which step, returns with a
 * reason, the decision that locks the assessment and issues a certificate, and the public check of a
 * certificate by its serial. Transitions are decided by @antt/criteria; this module loads and stores.
 */

const ARTEFACT_KINDS: readonly ArtefactKind[] = ['registration', 'selfAssessment', 'minutes', 'proposal', 'decision', 'report'];

export const WorkflowActionTypeRef = builder.enumType('WorkflowActionType', {
  values: { COMPLETE: { value: 'complete' }, RETURN: { value: 'return' }, DECIDE: { value: 'decide' }, UNLOCK: { value: 'unlock' } } as const,
});

const AppraisalModeRef = builder.enumType('AppraisalMode', {
  values: { MEETING: { value: 'meeting' }, WRITTEN_CONSULTATION: { value: 'writtenConsultation' } } as const,
});

interface CertificateRow {
  serial: string;
  decisionNumber: string;
  decisionDate: Date;
  issuedAt: Date;
  revokedAt: Date | null;
  revokedReason: string | null;
}

interface WorkflowView {
  readonly definition: WorkflowDefinition;
  readonly state: WorkflowState;
  readonly revision: number;
  readonly deadlines: readonly DeadlineView[];
  readonly actions: readonly WorkflowAction['type'][];
  readonly snapshot: unknown;
  readonly certificates: readonly CertificateRow[];
}

const WorkflowStepRef = builder.objectRef<WorkflowStep>('WorkflowStep').implement({
  description: 'One step of a recognition workflow and the body that acts at it',
  fields: (t) => ({
    id: t.exposeString('id'),
    title: t.string({ resolve: (s) => s.title.vi }),
    actingBody: t.string({ resolve: (s) => s.actingBody.vi }),
    roles: t.stringList({ resolve: (s) => [...s.roles] }),
    artefactKind: t.string({ nullable: true, resolve: (s) => s.artefact?.kind ?? null }),
    artefactRequired: t.boolean({ resolve: (s) => s.artefact?.required ?? false }),
    modes: t.field({ type: [AppraisalModeRef], resolve: (s) => [...(s.modes ?? [])] }),
    canReturnTo: t.stringList({ resolve: (s) => [...(s.canReturnTo ?? [])] }),
    decides: t.boolean({ resolve: (s) => s.decides ?? false }),
    unverified: t.boolean({ resolve: (s) => s.unverified ?? false }),
  }),
});

const ArtefactRefRef = builder.objectRef<ArtefactRef>('WorkflowArtefact').implement({
  fields: (t) => ({
    kind: t.exposeString('kind'),
    documentRef: t.exposeString('documentRef'),
    contentHash: t.exposeString('contentHash', { nullable: true }),
  }),
});

const DecisionRef = builder.objectRef<Decision>('WorkflowDecision').implement({
  fields: (t) => ({
    recognised: t.exposeBoolean('recognised'),
    number: t.exposeString('number'),
    date: t.expose('date', { type: 'Date' }),
    signer: t.exposeString('signer', { nullable: true }),
  }),
});

const WorkflowEventRef = builder.objectRef<WorkflowEvent>('WorkflowEvent').implement({
  description: 'One action in the history of an item',
  fields: (t) => ({
    type: t.field({ type: WorkflowActionTypeRef, resolve: (e) => e.type }),
    stepId: t.string({ nullable: true, resolve: (e) => ('stepId' in e ? e.stepId : null) }),
    toStepId: t.string({ nullable: true, resolve: (e) => (e.type === 'return' ? e.toStepId : null) }),
    role: t.exposeString('role'),
    by: t.string({ nullable: true, description: 'The person or application that acted, by name', resolve: (e) => e.by ?? null }),
    at: t.expose('at', { type: 'Date' }),
    reason: t.string({ nullable: true, resolve: (e) => (e.type === 'return' || e.type === 'unlock' ? e.reason : null) }),
    comments: t.field({ type: 'JSON', nullable: true, resolve: (e) => (e.type === 'return' ? (e.comments ?? null) : null) }),
    mode: t.field({ type: AppraisalModeRef, nullable: true, resolve: (e) => (e.type === 'complete' ? (e.mode ?? null) : null) }),
    artefact: t.field({ type: ArtefactRefRef, nullable: true, resolve: (e) => (e.type === 'complete' || e.type === 'decide' ? (e.artefact ?? null) : null) }),
    decision: t.field({ type: DecisionRef, nullable: true, resolve: (e) => (e.type === 'decide' ? e.decision : null) }),
  }),
});

const DeadlineRef = builder.objectRef<DeadlineView>('WorkflowDeadline').implement({
  fields: (t) => ({
    stepId: t.exposeString('stepId'),
    dueOn: t.expose('dueOn', { type: 'Date' }),
    overdueDays: t.exposeInt('overdueDays', { description: 'Days the current step is late; 0 otherwise' }),
  }),
});

const CertificateRef = builder.objectRef<CertificateRow>('Certificate').implement({
  description: 'A recognition certificate (Giấy công nhận) issued with a decision',
  fields: (t) => ({
    serial: t.exposeString('serial'),
    decisionNumber: t.exposeString('decisionNumber'),
    decisionDate: t.expose('decisionDate', { type: 'Date' }),
    issuedAt: t.expose('issuedAt', { type: 'DateTime' }),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    revokedReason: t.exposeString('revokedReason', { nullable: true }),
  }),
});

const WorkflowRef = builder.objectRef<WorkflowView>('Workflow').implement({
  description: 'Where an assessment stands in its recognition workflow',
  fields: (t) => ({
    workflowId: t.string({ resolve: (w) => w.definition.id }),
    title: t.string({ resolve: (w) => w.definition.title.vi }),
    revision: t.exposeInt('revision', { description: 'Pass it to `actOnAssessment`; every action bumps it' }),
    round: t.int({ description: 'Counts unlocks: each one opens a new round of the decided item', resolve: (w) => w.state.revision }),
    steps: t.field({ type: [WorkflowStepRef], resolve: (w) => [...w.definition.steps] }),
    currentStep: t.field({
      type: WorkflowStepRef,
      nullable: true,
      description: 'The step waiting for action; null once decided',
      resolve: (w) => w.definition.steps.find((step) => step.id === w.state.currentStepId) ?? null,
    }),
    history: t.field({ type: [WorkflowEventRef], resolve: (w) => [...w.state.history] }),
    returns: t.int({ resolve: (w) => w.state.returns }),
    locked: t.boolean({ resolve: (w) => w.state.locked }),
    decision: t.field({ type: DecisionRef, nullable: true, resolve: (w) => w.state.decision ?? null }),
    deadlines: t.field({ type: [DeadlineRef], resolve: (w) => [...w.deadlines] }),
    overdueDays: t.int({ description: 'How late the current step is; 0 when on time', resolve: (w) => w.deadlines.find((d) => d.overdueDays > 0)?.overdueDays ?? 0 }),
    availableActions: t.field({
      type: [WorkflowActionTypeRef],
      description: 'What the caller may do now, over all their roles on this unit',
      resolve: (w) => [...w.actions],
    }),
    snapshot: t.field({ type: 'JSON', nullable: true, description: 'The explanation as frozen by the decision', resolve: (w) => w.snapshot ?? null }),
    certificates: t.field({ type: [CertificateRef], resolve: (w) => [...w.certificates] }),
  }),
});

interface AssessmentForWorkflow {
  programId: string;
  periodYear: number;
  periodEndsOn: Date;
  workflowItem: { state: unknown; revision: number; snapshot: unknown } | null;
  certificates: CertificateRow[];
  unit: { versions: Array<{ path: string; kind: string; validFrom: Date; validTo: Date | null }> };
}

builder.prismaObjectField(AssessmentRef, 'workflow', (t) =>
  t.field({
    type: WorkflowRef,
    nullable: true,
    description: 'The recognition workflow of this assessment; null when its program has none',
    select: {
      programId: true,
      periodYear: true,
      periodEndsOn: true,
      workflowItem: { select: { state: true, revision: true, snapshot: true } },
      certificates: { orderBy: { issuedAt: 'asc' } },
      unit: { select: { versions: { select: { path: true, kind: true, validFrom: true, validTo: true } } } },
    },
    resolve: (parent, _args, ctx) => {
      const a = parent as unknown as AssessmentForWorkflow;
      const definition = workflowFor(a.programId);
      if (!definition) return null;
      const state = stateOf(definition, a.workflowItem);
      const version =
        a.unit.versions.find((v) => v.validFrom <= a.periodEndsOn && (v.validTo === null || v.validTo >= a.periodEndsOn)) ?? a.unit.versions.at(-1);
      return {
        definition,
        state,
        revision: a.workflowItem?.revision ?? 1,
        deadlines: version ? deadlinesOf(definition, state, version.kind, a.periodYear, ctx.today) : [],
        actions: version && ctx.auth ? actionsFor(ctx.auth.grants, definition, state, version.path) : [],
        snapshot: a.workflowItem?.snapshot ?? null,
        certificates: a.certificates,
      };
    },
  }),
);

const ArtefactInput = builder.inputType('WorkflowArtefactInput', {
  fields: (t) => ({
    kind: t.string({ required: true, description: `One of ${ARTEFACT_KINDS.join(', ')}` }),
    documentRef: t.string({ required: true }),
    contentHash: t.string({ required: false, description: 'e.g. sha256:… of the file' }),
  }),
});

const DecisionInput = builder.inputType('WorkflowDecisionInput', {
  fields: (t) => ({
    recognised: t.boolean({ required: true }),
    number: t.string({ required: true, description: 'e.g. 125/QĐ-UBND' }),
    date: t.field({ type: 'Date', required: true }),
    signer: t.string({ required: false }),
  }),
});

export const WorkflowActionInput = builder.inputType('WorkflowActionInput', {
  fields: (t) => ({
    type: t.field({ type: WorkflowActionTypeRef, required: true }),
    toStepId: t.string({ required: false, description: 'RETURN: the earlier step the item goes back to' }),
    reason: t.string({ required: false, description: 'RETURN and UNLOCK: required' }),
    comments: t.field({ type: 'JSON', required: false, description: 'RETURN: comments per criterion, `{ "<criterionId>": "text" }`' }),
    artefact: t.field({ type: ArtefactInput, required: false }),
    mode: t.field({ type: AppraisalModeRef, required: false, description: 'Appraisal by meeting or written consultation' }),
    decision: t.field({ type: DecisionInput, required: false, description: 'DECIDE: required' }),
  }),
});

export type ActionInput = {
  type: WorkflowAction['type'];
  toStepId?: string | null;
  reason?: string | null;
  comments?: unknown;
  artefact?: { kind: string; documentRef: string; contentHash?: string | null } | null;
  mode?: 'meeting' | 'writtenConsultation' | null;
  decision?: { recognised: boolean; number: string; date: string; signer?: string | null } | null;
};


/** The domain action for the input, or a ValidationError for input no action could carry. */
export function toAction(input: ActionInput): WorkflowAction {
  let artefact: ArtefactRef | undefined;
  if (input.artefact) {
    if (!ARTEFACT_KINDS.includes(input.artefact.kind as ArtefactKind)) throw workflowIssue('missingArtefact', `unknown artefact kind "${input.artefact.kind}"`);
    artefact = { kind: input.artefact.kind as ArtefactKind, documentRef: input.artefact.documentRef, ...(input.artefact.contentHash && { contentHash: input.artefact.contentHash }) };
  }
  switch (input.type) {
    case 'complete':
      return { type: 'complete', ...(artefact && { artefact }), ...(input.mode && { mode: input.mode }) };
    case 'return': {
      const comments = input.comments ?? undefined;
      if (comments !== undefined && (typeof comments !== 'object' || Array.isArray(comments) || Object.values(comments as object).some((v) => typeof v !== 'string'))) {
        throw workflowIssue('invalidReturn', 'comments must be an object of texts per criterion');
      }
      return {
        type: 'return',
        toStepId: input.toStepId ?? '',
        reason: input.reason ?? '',
        ...(comments !== undefined && { comments: comments as Record<string, string> }),
      };
    }
    case 'decide': {
      if (!input.decision) throw workflowIssue('invalidDecision', 'DECIDE needs a decision');
      const { recognised, number, date, signer } = input.decision;
      return { type: 'decide', decision: { recognised, number, date, ...(signer && { signer }) }, ...(artefact && { artefact }) };
    }
    case 'unlock':
      return { type: 'unlock', reason: input.reason ?? '' };
  }
}

builder.mutationFields((t) => ({
  actOnAssessment: t.prismaField({
    type: 'Assessment',
    authScopes: { permission: 'workflow.act' },
    errors: { types: [NotFoundError, ValidationError, ConflictError] },
    description:
      'One step of the recognition workflow: complete, return with a reason, decide (locks the assessment and issues a certificate when recognised) or unlock (revokes it)',
    args: {
      assessmentId: t.arg.id({ required: true, description: 'The assessment’s `id` as returned by the API (or its bare uuid)' }),
      revision: t.arg.int({ required: true, description: 'The `workflow.revision` the action was prepared on' }),
      action: t.arg({ type: WorkflowActionInput, required: true }),
    },
    resolve: async (query, _root, args, ctx) => {
      const id = assessmentUuid(String(args.assessmentId));
      const [target] = id ? await loadTargets(ctx.db, { ids: [id] }) : [];
      const input = args.action as unknown as ActionInput;
      const permission = input.type === 'unlock' ? 'workflow.unlock' : 'workflow.act';
      if (!target) throw missingFor(ctx.auth, permission, new NotFoundError('Assessment', String(args.assessmentId)));
      assertCan(ctx.auth, permission, target.path, `kết quả đánh giá ${target.id}`);
      const prepared = prepareAction(ctx.auth, ctx.today, target, toAction(input), args.revision);
      // A decision waits for a re-evaluation of its unit that is under way (see storeAction).
      const stored = await ctx.db.prisma.$transaction((tx) => storeAction(tx, prepared), { timeout: 30_000, maxWait: 10_000 });
      await announce(ctx, stored);
      return ctx.db.prisma.assessment.findUniqueOrThrow({ ...query, where: { id: target.id } });
    },
  }),
}));

interface CertificateCheck {
  valid: boolean;
  serial: string;
  unitName: string;
  programId: string;
  periodYear: number;
  decisionNumber: string;
  decisionDate: Date;
  revoked: boolean;
  revokedAt: Date | null;
  /** What only a caller who may read the assessment learns (null for anyone else). */
  details: { unitCode: string; assessmentId: string; issuedAt: Date; revokedReason: string | null } | null;
}

/*
 * The public answer is what a verifier holding the paper needs to match it: valid or revoked (and
 * since when), the program, the period, the unit's name and the decision's number and date — all
 * printed on the certificate. The unit's code, the assessment and the revocation's reason are for
 * callers who may read the assessment; an unknown serial is NOT_FOUND, a mistyped one VALIDATION.
 */
const CertificateCheckRef = builder.objectRef<CertificateCheck>('CertificateCheck').implement({
  description: 'What anyone may learn about a certificate from its serial: what is printed on it, and whether it still holds',
  fields: (t) => ({
    valid: t.exposeBoolean('valid', { description: 'Issued and not revoked' }),
    serial: t.exposeString('serial'),
    unitName: t.exposeString('unitName', { description: 'As printed on the certificate (the unit’s name on the decision’s day)' }),
    programId: t.exposeString('programId'),
    periodYear: t.exposeInt('periodYear'),
    decisionNumber: t.exposeString('decisionNumber'),
    decisionDate: t.expose('decisionDate', { type: 'Date' }),
    revoked: t.exposeBoolean('revoked'),
    revokedAt: t.expose('revokedAt', { type: 'DateTime', nullable: true }),
    unitCode: t.string({ nullable: true, description: 'Only for callers who may read the assessment; null otherwise', resolve: (c) => c.details?.unitCode ?? null }),
    assessmentId: t.string({ nullable: true, description: 'The assessment’s uuid; only for callers who may read it', resolve: (c) => c.details?.assessmentId ?? null }),
    issuedAt: t.field({ type: 'DateTime', nullable: true, description: 'Only for callers who may read the assessment', resolve: (c) => c.details?.issuedAt ?? null }),
    revokedReason: t.string({ nullable: true, description: 'Only for callers who may read the assessment', resolve: (c) => c.details?.revokedReason ?? null }),
  }),
});

builder.queryFields((t) => ({
  verifyCertificate: t.field({
    type: CertificateCheckRef,
    skipTypeScopes: true,
    errors: { types: [NotFoundError, ValidationError] },
    description: 'Public check of a certificate by its serial (no sign-in); a mistyped serial fails its check character',
    args: { serial: t.arg.string({ required: true, description: 'e.g. 31-SSO-2026-000001-7K2M-9QXD-4TPA-K' }) },
    resolve: async (_root, args, ctx) => {
      await limitPublicCheck(ctx);
      const parts = parseCertificateSerial(args.serial);
      if (!parts) throw new ValidationError(`"${args.serial}" không phải số hiệu giấy công nhận (gõ nhầm?)`, [{ code: 'invalidSerial' as DefinitionIssue['code'], path: 'serial', message: 'malformed serial or wrong check character' }]);
      const serial = formatCertificateSerial(parts);
      const certificate = await ctx.db.prisma.certificate.findUnique({
        where: { serial },
        include: {
          assessment: { select: { periodEndsOn: true } },
          unit: { select: { code: true, versions: { orderBy: { validFrom: 'desc' }, select: { fullName: true, validFrom: true, validTo: true } } } },
        },
      });
      if (!certificate) throw new NotFoundError('Certificate', serial);
      const on = certificate.decisionDate;
      const version = certificate.unit.versions.find((v) => v.validFrom <= on && (v.validTo === null || v.validTo >= on)) ?? certificate.unit.versions[0];
      const reader = ctx.auth && ctx.auth.can('assessments.read', await unitPathAt(ctx.db, certificate.unitId, certificate.assessment.periodEndsOn));
      return {
        valid: certificate.revokedAt === null,
        serial,
        unitName: version?.fullName ?? certificate.unit.code,
        programId: certificate.programId,
        periodYear: certificate.periodYear,
        decisionNumber: certificate.decisionNumber,
        decisionDate: certificate.decisionDate,
        revoked: certificate.revokedAt !== null,
        revokedAt: certificate.revokedAt,
        details: reader
          ? { unitCode: certificate.unit.code, assessmentId: certificate.assessmentId, issuedAt: certificate.issuedAt, revokedReason: certificate.revokedReason }
          : null,
      };
    },
  }),
}));
