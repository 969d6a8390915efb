import type { Status } from './explain.ts';
import { addDays, daysOverdue, isValidIsoDate, periodFor, type PeriodScheme } from './periods.ts';
import { err, ok, type Result } from './result.ts';
import type { IsoDate, LocalizedText } from './text.ts';

/*
 * The recognition workflow as data: the steps a unit's assessment passes, each named by the body
 * that acts (several bodies act at commune level), with the role that may act, the artefact it must
 * carry and its deadline. Pure: the API stores the state and calls these functions.
 */

/** Roles are granted on a unit subtree (issue of access control); here they only gate actions. */
export type WorkflowRole =
  | 'nationalAdmin'
  | 'provinceAdmin'
  | 'communePoliceOfficer'
  | 'steeringCommitteeMember'
  | 'peoplesCommitteeApprover'
  | 'provincialPoliceOfficer'
  | 'ministryOfficer'
  | 'unitHead'
  | 'viewer'
  | 'partnerApp';

export type ArtefactKind = 'registration' | 'selfAssessment' | 'minutes' | 'proposal' | 'decision' | 'report';

/** Each role as a person reads it in a message (the admin shows the same names). */
export const ROLE_VI: Readonly<Record<WorkflowRole, string>> = {
  nationalAdmin: 'Quản trị toàn quốc',
  provinceAdmin: 'Quản trị cấp tỉnh',
  communePoliceOfficer: 'Công an cấp xã',
  steeringCommitteeMember: 'Thành viên Ban Chỉ đạo cấp xã',
  peoplesCommitteeApprover: 'Ủy ban nhân dân (phê duyệt)',
  provincialPoliceOfficer: 'Công an cấp tỉnh',
  ministryOfficer: 'Bộ Công an',
  unitHead: 'Người đứng đầu đơn vị',
  viewer: 'Người xem báo cáo',
  partnerApp: 'Ứng dụng đối tác',
};

export const ARTEFACT_VI: Readonly<Record<ArtefactKind, string>> = {
  registration: 'bản đăng ký',
  selfAssessment: 'báo cáo tự đánh giá',
  minutes: 'biên bản họp',
  proposal: 'tờ trình đề nghị',
  decision: 'quyết định',
  report: 'báo cáo kiểm tra',
};

export const ACTION_VI: Readonly<Record<WorkflowAction['type'], string>> = {
  complete: 'hoàn thành',
  return: 'trả lại',
  decide: 'ra quyết định',
  unlock: 'mở khoá',
};

const MODE_VI: Readonly<Record<string, string>> = { meeting: 'họp', writtenConsultation: 'lấy ý kiến bằng văn bản' };

/** "Quản trị cấp tỉnh hoặc Quản trị toàn quốc": the roles in the order the definition lists them. */
export function rolesVi(roles: readonly WorkflowRole[]): string {
  const names = roles.map((role) => ROLE_VI[role] ?? role);
  return names.length <= 1 ? (names[0] ?? 'không vai trò nào') : `${names.slice(0, -1).join(', ')} hoặc ${names.at(-1)}`;
}

/** Why nothing may change on a decided item, naming who may unlock it. */
export function lockedMessage(definition: Pick<WorkflowDefinition, 'unlockRoles'>): string {
  return `Hồ sơ đã có quyết định và bị khoá; chỉ ${rolesVi(definition.unlockRoles)} được mở khoá (kèm lý do) trước khi sửa`;
}

/** When a step is due: relative to the assessment period or on a fixed day of the period's year. */
export type DeadlineRule =
  | { readonly from: 'periodEnd'; readonly offsetDays: number }
  | { readonly from: 'periodStart'; readonly offsetDays: number }
  | { readonly from: 'fixed'; readonly month: number; readonly day: number; readonly yearOffset?: number };

export interface WorkflowStep {
  readonly id: string;
  readonly title: LocalizedText;
  /** The body that acts, e.g. "Công an xã (Thường trực Ban Chỉ đạo)". */
  readonly actingBody: LocalizedText;
  readonly roles: readonly WorkflowRole[];
  readonly artefact?: { readonly kind: ArtefactKind; readonly required: boolean };
  readonly deadline?: DeadlineRule;
  /** Appraisal by a meeting or, when one cannot be held, by written consultation. */
  readonly modes?: readonly ('meeting' | 'writtenConsultation')[];
  /** The final step records a decision: recognised or not, with its number and date. */
  readonly decides?: boolean;
  /** Earlier steps a reviewer at this step may send the item back to, with a reason. */
  readonly canReturnTo?: readonly string[];
  readonly unverified?: boolean;
}

export interface WorkflowDefinition {
  readonly id: string;
  readonly title: LocalizedText;
  readonly programIds: readonly string[];
  readonly steps: readonly WorkflowStep[];
  /** Roles that may unlock a decided item (with a reason). */
  readonly unlockRoles: readonly WorkflowRole[];
  readonly unverified?: boolean;
  readonly notes?: readonly string[];
}

export interface ArtefactRef {
  readonly kind: ArtefactKind;
  readonly documentRef: string;
  readonly contentHash?: string;
}

export interface Decision {
  readonly recognised: boolean;
  readonly number: string;
  readonly date: IsoDate;
  readonly signer?: string;
}

/** Who acted: the role, the day and, when known, the person or application by name. */
interface EventActor {
  readonly role: WorkflowRole;
  readonly at: IsoDate;
  readonly by?: string;
}

export type WorkflowEvent =
  | (EventActor & { readonly type: 'complete'; readonly stepId: string; readonly artefact?: ArtefactRef; readonly mode?: 'meeting' | 'writtenConsultation' })
  | (EventActor & { readonly type: 'return'; readonly stepId: string; readonly toStepId: string; readonly reason: string; readonly comments?: Readonly<Record<string, string>> })
  | (EventActor & { readonly type: 'decide'; readonly stepId: string; readonly decision: Decision; readonly artefact?: ArtefactRef })
  | (EventActor & { readonly type: 'unlock'; readonly reason: string });

export interface WorkflowState {
  readonly workflowId: string;
  /** The step waiting for action; `undefined` once decided. */
  readonly currentStepId: string | undefined;
  readonly decision: Decision | undefined;
  /** A decision locks the assessment: results and outcome are frozen. */
  readonly locked: boolean;
  /** Counts unlocks: each unlock opens a new revision of the decided item. */
  readonly revision: number;
  readonly returns: number;
  readonly history: readonly WorkflowEvent[];
}

export type WorkflowAction =
  | { readonly type: 'complete'; readonly artefact?: ArtefactRef; readonly mode?: 'meeting' | 'writtenConsultation' }
  | { readonly type: 'return'; readonly toStepId: string; readonly reason: string; readonly comments?: Readonly<Record<string, string>> }
  | { readonly type: 'decide'; readonly decision: Decision; readonly artefact?: ArtefactRef }
  | { readonly type: 'unlock'; readonly reason: string };

export interface WorkflowIssue {
  readonly code:
    | 'forbidden'
    | 'locked'
    | 'notLocked'
    | 'wrongStep'
    | 'missingArtefact'
    | 'missingReason'
    | 'invalidReturn'
    | 'invalidDecision'
    | 'invalidMode'
    | 'outcomeNotMet';
  readonly message: string;
}

function stepIndex(definition: WorkflowDefinition, id: string | undefined): number {
  return definition.steps.findIndex((step) => step.id === id);
}

export function startWorkflow(definition: WorkflowDefinition): WorkflowState {
  return {
    workflowId: definition.id,
    currentStepId: definition.steps[0]?.id,
    decision: undefined,
    locked: false,
    revision: 1,
    returns: 0,
    history: [],
  };
}

function eventActor(actor: ActionContext): EventActor {
  return { role: actor.role, at: actor.today, ...(actor.by && { by: actor.by }) };
}

function issue(code: WorkflowIssue['code'], message: string): Result<never, WorkflowIssue[]> {
  return err([{ code, message }]);
}

/** Who acts, on which day, on an item whose outcome is what the engine evaluated. */
export interface ActionContext {
  readonly role: WorkflowRole;
  readonly today: IsoDate;
  /** The item's evaluated outcome; a recognition needs it `met`, so an unknown outcome cannot be recognised. */
  readonly outcome?: Status;
  /** The person or application acting, by name, kept in the item's history. */
  readonly by?: string;
}

const OUTCOME_VI: Record<Status, string> = {
  met: 'đạt',
  notMet: 'chưa đạt',
  notAssessed: 'chưa đánh giá',
  notApplicable: 'không áp dụng',
};

/** Why an item cannot be recognised, in Vietnamese; undefined when its outcome allows it. */
export function recognitionBlocker(outcome: Status | undefined): string | undefined {
  return outcome === 'met' ? undefined : `kết quả đánh giá ${outcome ? OUTCOME_VI[outcome] : 'chưa có'}, không thể công nhận`;
}

/**
 * Why a decision's date cannot be recorded on `today`, in Vietnamese; undefined when it can. A
 * decision is recorded once it was signed: one dated after today has not been issued yet.
 */
export function decisionDateProblem(date: string, today: IsoDate): string | undefined {
  if (!isValidIsoDate(date)) return `Ngày quyết định “${date}” không phải một ngày hợp lệ (YYYY-MM-DD)`;
  if (date > today) return `Ngày quyết định ${date} sau ngày hôm nay (${today}): không thể ghi một quyết định chưa ban hành`;
  return undefined;
}

/**
 * Applies one action by one role on one day. Every refusal is a typed issue; the state is a value,
 * never mutated.
 */
export function applyWorkflowAction(
  definition: WorkflowDefinition,
  state: WorkflowState,
  action: WorkflowAction,
  actor: ActionContext,
): Result<WorkflowState, WorkflowIssue[]> {
  if (action.type === 'unlock') {
    if (!state.locked) return issue('notLocked', 'Chỉ mở khoá được hồ sơ đã có quyết định');
    if (!definition.unlockRoles.includes(actor.role)) return issue('forbidden', `Vai trò ${ROLE_VI[actor.role] ?? actor.role} không được mở khoá quyết định; chỉ ${rolesVi(definition.unlockRoles)}`);
    if (action.reason.trim() === '') return issue('missingReason', 'Mở khoá cần ghi lý do');
    const last = definition.steps.at(-1)!;
    return ok({
      ...state,
      locked: false,
      decision: undefined,
      currentStepId: last.id,
      revision: state.revision + 1,
      history: [...state.history, { type: 'unlock', ...eventActor(actor), reason: action.reason }],
    });
  }
  if (state.locked) return issue('locked', lockedMessage(definition));
  const index = stepIndex(definition, state.currentStepId);
  const step = definition.steps[index];
  if (!step) return issue('wrongStep', 'Hồ sơ không còn bước nào chờ xử lý');
  if (!step.roles.includes(actor.role)) {
    return issue('forbidden', `Bước “${step.title.vi}” do ${rolesVi(step.roles)} thực hiện, không phải ${ROLE_VI[actor.role] ?? actor.role}`);
  }

  switch (action.type) {
    case 'complete': {
      if (step.decides) return issue('wrongStep', `Bước “${step.title.vi}” kết thúc bằng một quyết định, không thể chỉ hoàn thành`);
      if (step.artefact?.required && action.artefact?.kind !== step.artefact.kind) {
        return issue('missingArtefact', `Bước “${step.title.vi}” cần kèm ${ARTEFACT_VI[step.artefact.kind] ?? step.artefact.kind}`);
      }
      if (action.mode && !(step.modes ?? []).includes(action.mode)) return issue('invalidMode', `Bước “${step.title.vi}” không có hình thức “${MODE_VI[action.mode] ?? action.mode}”`);
      const next = definition.steps[index + 1];
      return ok({
        ...state,
        currentStepId: next?.id,
        history: [
          ...state.history,
          { type: 'complete', stepId: step.id, ...eventActor(actor), ...(action.artefact && { artefact: action.artefact }), ...(action.mode && { mode: action.mode }) },
        ],
      });
    }
    case 'return': {
      if (!(step.canReturnTo ?? []).includes(action.toStepId)) {
        return issue('invalidReturn', `Bước “${step.title.vi}” không thể trả hồ sơ về bước “${action.toStepId}”`);
      }
      if (action.reason.trim() === '') return issue('missingReason', 'Trả lại hồ sơ cần ghi lý do');
      return ok({
        ...state,
        currentStepId: action.toStepId,
        returns: state.returns + 1,
        history: [
          ...state.history,
          { type: 'return', stepId: step.id, toStepId: action.toStepId, ...eventActor(actor), reason: action.reason, ...(action.comments && { comments: action.comments }) },
        ],
      });
    }
    case 'decide': {
      if (!step.decides) return issue('wrongStep', `Bước “${step.title.vi}” không ra quyết định`);
      if (action.decision.number.trim() === '') return issue('invalidDecision', 'Quyết định cần có số quyết định');
      const dateProblem = decisionDateProblem(action.decision.date, actor.today);
      if (dateProblem) return issue('invalidDecision', dateProblem);
      // A People's Committee may decline a unit that met the criteria, never recognise one that did not.
      const blocker = action.decision.recognised ? recognitionBlocker(actor.outcome) : undefined;
      if (blocker) return issue('outcomeNotMet', blocker);
      if (step.artefact?.required && action.artefact?.kind !== step.artefact.kind) {
        return issue('missingArtefact', `Bước “${step.title.vi}” cần kèm ${ARTEFACT_VI[step.artefact.kind] ?? step.artefact.kind}`);
      }
      return ok({
        ...state,
        currentStepId: undefined,
        decision: action.decision,
        locked: true,
        history: [
          ...state.history,
          { type: 'decide', stepId: step.id, ...eventActor(actor), decision: action.decision, ...(action.artefact && { artefact: action.artefact }) },
        ],
      });
    }
  }
}

/** The actions a role may take now (for buttons and bulk approval). */
export function availableActions(definition: WorkflowDefinition, state: WorkflowState, role: WorkflowRole): WorkflowAction['type'][] {
  if (state.locked) return definition.unlockRoles.includes(role) ? ['unlock'] : [];
  const step = definition.steps[stepIndex(definition, state.currentStepId)];
  if (!step || !step.roles.includes(role)) return [];
  const actions: WorkflowAction['type'][] = [step.decides ? 'decide' : 'complete'];
  if ((step.canReturnTo ?? []).length > 0) actions.push('return');
  return actions;
}

export interface StepDeadline {
  readonly stepId: string;
  readonly dueOn: IsoDate;
}

function dueDate(rule: DeadlineRule, period: { startsOn: IsoDate; endsOn: IsoDate; year: number }): IsoDate | undefined {
  switch (rule.from) {
    case 'periodEnd':
      return addDays(period.endsOn, rule.offsetDays);
    case 'periodStart':
      return addDays(period.startsOn, rule.offsetDays);
    case 'fixed': {
      const year = period.year + (rule.yearOffset ?? 0);
      return `${String(year).padStart(4, '0')}-${String(rule.month).padStart(2, '0')}-${String(rule.day).padStart(2, '0')}`;
    }
  }
}

/** Each step's due date for a unit kind and period year, from the program's period scheme. */
export function stepDeadlines(definition: WorkflowDefinition, scheme: PeriodScheme, unitKind: string, year: number): StepDeadline[] {
  const period = periodFor(scheme, unitKind, year);
  if (!period) return [];
  const deadlines: StepDeadline[] = [];
  for (const step of definition.steps) {
    if (!step.deadline) continue;
    const dueOn = dueDate(step.deadline, period);
    if (dueOn) deadlines.push({ stepId: step.id, dueOn });
  }
  return deadlines;
}

/** The current step's lateness, or undefined when nothing is due or it is not late. */
export function overdue(
  state: WorkflowState,
  deadlines: readonly StepDeadline[],
  today: IsoDate,
): { stepId: string; dueOn: IsoDate; days: number } | undefined {
  if (state.locked || !state.currentStepId) return undefined;
  const due = deadlines.find((deadline) => deadline.stepId === state.currentStepId);
  if (!due) return undefined;
  const days = daysOverdue(due.dueOn, today) ?? 0;
  return days > 0 ? { stepId: due.stepId, dueOn: due.dueOn, days } : undefined;
}

export interface BulkItem<Id> {
  readonly id: Id;
  readonly state: WorkflowState;
  /** The evaluated outcome: a bulk recognition skips the items that did not meet the criteria. */
  readonly outcome?: Status;
  /** Whatever else makes an item not ready, e.g. "outcome not met", from the caller. */
  readonly blockers?: readonly string[];
}

export interface BulkPlan<Id> {
  readonly ready: readonly Id[];
  readonly skipped: ReadonlyArray<{ readonly id: Id; readonly reason: string }>;
}

/**
 * Dry run of "approve all children that are ready": who would move, who would not and why. A bulk
 * decision recognises (the default) or declines every ready item; a recognition skips those not met.
 */
export function planBulkAction<Id>(
  definition: WorkflowDefinition,
  items: readonly BulkItem<Id>[],
  role: WorkflowRole,
  action: 'complete' | 'decide',
  options: { readonly recognised?: boolean } = {},
): BulkPlan<Id> {
  const ready: Id[] = [];
  const skipped: Array<{ id: Id; reason: string }> = [];
  const recognising = action === 'decide' && options.recognised !== false;
  for (const item of items) {
    const allowed = availableActions(definition, item.state, role);
    const blockers = [...(item.blockers ?? [])];
    const outcomeBlocker = recognising && allowed.includes('decide') ? recognitionBlocker(item.outcome) : undefined;
    if (outcomeBlocker) blockers.push(outcomeBlocker);
    if (blockers.length > 0) skipped.push({ id: item.id, reason: blockers.join('; ') });
    else if (!allowed.includes(action)) {
      const step = definition.steps[stepIndex(definition, item.state.currentStepId)];
      skipped.push({ id: item.id, reason: item.state.locked ? 'đã quyết định' : step ? `đang ở bước “${step.title.vi}”` : 'không có bước chờ' });
    } else ready.push(item.id);
  }
  return { ready, skipped };
}
