import {
  ACTION_VI,
  lockedMessage,
  rolesVi,
  applyWorkflowAction,
  recognitionBlocker,
  type DefinitionIssue,
  type Permission,
  type Status,
  type WorkflowAction,
  type WorkflowDefinition,
  type WorkflowRole,
  type WorkflowState,
  refusalVi,
} from '@antt/criteria';
import { Prisma, type Database } from '@antt/db';
import type { Context } from '../context.ts';
import { publishWorkflowChange } from '../events/workflow-change.ts';
import { forbidden, type Actor } from '../identity/actor.ts';
import { auditChange } from '../identity/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '../schema/errors.ts';
import { lockUnitPeriod } from './assessments.ts';
import { findArea, reportDate } from './reports.ts';
import { isWithinScopes, overlapsScopes } from './unit-scope.ts';
import { actingRole, nextSerial, stateOf, workflowFor } from './workflow.ts';

/*
 * One workflow action on one assessment, in three moves shared by the single and the bulk mutation:
 * load the item with where its unit stood, prepare the action (role, rules, revision — nothing is
 * written), then store it inside the caller's transaction (state, frozen snapshot, certificate).
 */

/** An assessment as a workflow item, with its unit's path and province at the period's end. */
export interface WorkflowTarget {
  readonly id: string;
  readonly unitId: string;
  readonly unitCode: string;
  readonly unitName: string;
  readonly unitKind: string;
  readonly path: string;
  readonly provinceCode: string | null;
  readonly programId: string;
  readonly periodYear: number;
  readonly outcome: Status;
  readonly explanation: unknown;
  readonly item: { readonly state: unknown; readonly revision: number } | null;
}

interface TargetRow {
  id: string;
  unitId: string;
  unitCode: string;
  unitName: string | null;
  unitKind: string | null;
  path: string | null;
  provinceCode: string | null;
  programId: string;
  periodYear: number;
  outcome: Status;
  explanation: unknown;
  state: unknown;
  revision: number | null;
}

/**
 * The assessments (by id), or those of a program and year below an area, each with its unit as it
 * was at the period's end (its latest version when it had none then). One statement.
 */
export async function loadTargets(
  db: Database,
  where: { readonly ids: readonly string[] } | { readonly programId: string; readonly periodYear: number; readonly areaPath: string; readonly unitKinds: readonly string[] | null },
): Promise<WorkflowTarget[]> {
  const byIds = 'ids' in where;
  const rows = await db.query<TargetRow>(
    `SELECT a.id, a."unitId", u.code AS "unitCode", v."fullName" AS "unitName", v.kind AS "unitKind", v.path, v."provinceCode",
            a."programId", a."periodYear", a.outcome, a.explanation, w.state, w.revision
       FROM "Assessment" a
       JOIN "Unit" u ON u.id = a."unitId"
       LEFT JOIN LATERAL (
         SELECT uv."fullName", uv.path, uv."provinceCode", uv.kind FROM "UnitVersion" uv
          WHERE uv."unitId" = a."unitId"
          ORDER BY (uv."validFrom" <= a."periodEndsOn" AND (uv."validTo" IS NULL OR uv."validTo" >= a."periodEndsOn")) DESC, uv."validFrom" DESC
          LIMIT 1) v ON true
       LEFT JOIN "WorkflowItem" w ON w."assessmentId" = a.id
      WHERE ${
        byIds
          ? `a.id = ANY($1::uuid[])`
          : `a."programId" = $1 AND a."periodYear" = $2 AND left(v.path, length($3) + 1) = $3 || '/' AND ($4::text[] IS NULL OR v.kind = ANY($4::text[]))`
      }
      ORDER BY v.path, a.id`,
    byIds ? [[...where.ids]] : [where.programId, where.periodYear, where.areaPath, where.unitKinds && [...where.unitKinds]],
  );
  return rows.map((row) => ({
    id: row.id,
    unitId: row.unitId,
    unitCode: row.unitCode,
    unitName: row.unitName ?? row.unitCode,
    unitKind: row.unitKind ?? '',
    path: row.path ?? '',
    provinceCode: row.provinceCode,
    programId: row.programId,
    periodYear: row.periodYear,
    outcome: row.outcome,
    explanation: row.explanation,
    item: row.revision === null ? null : { state: row.state, revision: row.revision },
  }));
}

export interface AreaItems {
  readonly programId: string;
  readonly periodYear: number;
  readonly areaCode: string;
  readonly unitKinds?: readonly string[] | null | undefined;
}

/**
 * The items of a program and year below an area that the caller holds `permission` on, with the
 * program's workflow. An unknown area is NOT_FOUND, one entirely outside the caller's scopes FORBIDDEN.
 */
export async function loadAreaItems(db: Database, actor: Actor, permission: Permission, args: AreaItems): Promise<{ definition: WorkflowDefinition; targets: WorkflowTarget[] }> {
  const definition = workflowFor(args.programId);
  if (!definition) throw noWorkflow(args.programId, 'programId');
  const scopes = actor.scopes(permission);
  const area = await findArea(db, args.areaCode, reportDate({ periodYear: args.periodYear, unitKinds: args.unitKinds ?? [] }));
  if (!area) throw new NotFoundError('Unit', args.areaCode);
  if (!overlapsScopes(area.path, scopes)) throw forbidden(refusalVi(actor.label, permission, `các đơn vị thuộc ${args.areaCode}`));
  const targets = await loadTargets(db, { programId: args.programId, periodYear: args.periodYear, areaPath: area.path, unitKinds: args.unitKinds ?? null });
  return { definition, targets: targets.filter((target) => isWithinScopes(target.path, scopes)) };
}

/** An action checked against the rules and ready to store. */
export interface PreparedAction {
  readonly target: WorkflowTarget;
  readonly definition: WorkflowDefinition;
  readonly action: WorkflowAction;
  readonly role: WorkflowRole;
  readonly before: WorkflowState;
  readonly state: WorkflowState;
  /** The revision the action was prepared on; storing it fails with CONFLICT if it moved. */
  readonly revision: number;
}

const noWorkflow = (programId: string, path: string) => workflowIssue('wrongStep', `Chương trình ${programId} không có quy trình công nhận`, path);

export const workflowIssue = (code: string, message: string, path = 'action') =>
  new ValidationError(message, [{ code: code as DefinitionIssue['code'], path, message }]);

/**
 * Checks one action on one item: the caller's role at the current step (FORBIDDEN otherwise), the
 * revision it was prepared on (CONFLICT) and the workflow's rules (VALIDATION, e.g. a recognition of
 * an outcome that was not met). Writes nothing. The caller has already checked the unit's permission.
 */
export function prepareAction(actor: Actor, today: string, target: WorkflowTarget, action: WorkflowAction, revision: number, path = 'action'): PreparedAction {
  const definition = workflowFor(target.programId);
  if (!definition) throw noWorkflow(target.programId, path);
  const before = stateOf(definition, target.item);
  if (before.locked && action.type !== 'unlock') throw workflowIssue('locked', lockedMessage(definition), path);
  const role = actingRole(actor.grants, definition, before, action.type, target.path);
  if (!role) {
    const step = definition.steps.find((s) => s.id === before.currentStepId);
    const roles = action.type === 'unlock' ? definition.unlockRoles : (step?.roles ?? []);
    throw forbidden(`${actor.label} không có vai trò được ${ACTION_VI[action.type]} ${step ? `ở bước “${step.title.vi}”` : 'hồ sơ này'} của ${target.unitCode}; chỉ ${rolesVi(roles)}`);
  }
  const current = target.item?.revision ?? 1;
  if (current !== revision) throw new ConflictError(`Hồ sơ của ${target.unitCode} đã thay đổi sau lần sửa ${revision}`, current);
  const applied = applyWorkflowAction(definition, before, action, { role, today, outcome: target.outcome, by: actor.displayName });
  if (!applied.ok) {
    throw new ValidationError(
      applied.errors.map((issue) => issue.message).join('; '),
      applied.errors.map((issue) => ({ code: issue.code as DefinitionIssue['code'], path, message: issue.message })),
    );
  }
  return { target, definition, action, role, before, state: applied.value, revision: current };
}

export interface StoredAction {
  readonly prepared: PreparedAction;
  /** The certificate issued with a recognition. */
  readonly serial: string | null;
  /** Certificates an unlock revoked. */
  readonly revoked: readonly string[];
}

/**
 * Stores a prepared action in `tx`: the new state (only if nobody moved the item since — CONFLICT
 * otherwise), the frozen explanation on a decision, a certificate on a recognition, revocations on
 * an unlock.
 */
export async function storeAction(tx: Prisma.TransactionClient, prepared: PreparedAction, path = 'action'): Promise<StoredAction> {
  const { target, definition, action, state, revision } = prepared;
  let explanation = target.explanation;
  if (action.type === 'decide') {
    // A re-evaluation committing after the item was loaded would leave the frozen snapshot unlike the
    // stored outcome: decide on the row as it is under the unit's evaluation lock (re-evaluations
    // skip decided items, so none can change it after this transaction).
    await lockUnitPeriod(tx, target.unitId, target.periodYear);
    const fresh = await tx.assessment.findUniqueOrThrow({ where: { id: target.id }, select: { outcome: true, explanation: true } });
    const blocker = action.decision.recognised ? recognitionBlocker(fresh.outcome as Status) : undefined;
    if (blocker) throw workflowIssue('outcomeNotMet', `${target.unitCode}: ${blocker}`, path);
    explanation = fresh.explanation;
  }
  const data = {
    state: state as unknown as Prisma.InputJsonValue,
    currentStepId: state.currentStepId ?? null,
    locked: state.locked,
    returns: state.returns,
    ...(action.type === 'decide' && { snapshot: (explanation ?? Prisma.DbNull) as Prisma.InputJsonValue }),
    ...(action.type === 'unlock' && { snapshot: Prisma.DbNull }),
  };
  const written = target.item
    ? await tx.workflowItem.updateMany({ where: { assessmentId: target.id, revision }, data: { ...data, revision: { increment: 1 } } })
    : await tx.workflowItem.createMany({ data: [{ assessmentId: target.id, workflowId: definition.id, ...data, revision: revision + 1 }], skipDuplicates: true });
  if (written.count === 0) {
    const now = await tx.workflowItem.findUnique({ where: { assessmentId: target.id }, select: { revision: true } });
    throw new ConflictError(`Hồ sơ của ${target.unitCode} vừa được người khác thay đổi`, now?.revision ?? 1);
  }
  let serial: string | null = null;
  let revoked: string[] = [];
  if (action.type === 'decide' && action.decision.recognised) {
    serial = await nextSerial(tx, target.provinceCode ?? '00', target.programId, target.periodYear);
    await tx.certificate.create({
      data: {
        serial,
        assessmentId: target.id,
        unitId: target.unitId,
        programId: target.programId,
        periodYear: target.periodYear,
        decisionNumber: action.decision.number,
        decisionDate: new Date(`${action.decision.date}T00:00:00Z`),
      },
    });
  }
  if (action.type === 'unlock') {
    const active = await tx.certificate.findMany({ where: { assessmentId: target.id, revokedAt: null }, select: { serial: true } });
    revoked = active.map((c) => c.serial);
    await tx.certificate.updateMany({ where: { assessmentId: target.id, revokedAt: null }, data: { revokedAt: new Date(), revokedReason: action.reason } });
  }
  return { prepared, serial, revoked };
}

/** What the audit trail keeps of a stored action; `bulk` marks the actions of one bulk request. */
function auditOf(stored: StoredAction, options: { readonly bulk?: boolean } = {}) {
  const { prepared, serial, revoked } = stored;
  const { before, state, revision, role, target, action } = prepared;
  return {
    action: `workflow.${action.type}`,
    entity: 'Assessment',
    entityId: target.id,
    areaPath: target.path,
    before: { stepId: before.currentStepId ?? null, locked: before.locked, revision },
    after: {
      stepId: state.currentStepId ?? null,
      locked: state.locked,
      revision: revision + 1,
      role,
      ...(options.bulk && { bulk: true }),
      event: state.history.at(-1) ?? null,
      ...(serial && { certificate: serial }),
      ...(revoked.length > 0 && { revokedCertificates: [...revoked] }),
    },
  };
}

/**
 * After the transaction committed: the audit event and the push to subscribers (never before, so
 * nobody hears of an action that was rolled back).
 */
export async function announce(ctx: Context, stored: StoredAction, options: { readonly bulk?: boolean } = {}): Promise<void> {
  await auditChange(ctx, auditOf(stored, options));
  const { prepared, serial, revoked } = stored;
  publishWorkflowChange(ctx, {
    assessmentId: prepared.target.id,
    unitId: prepared.target.unitId,
    unitPath: prepared.target.path,
    programId: prepared.target.programId,
    periodYear: prepared.target.periodYear,
    type: prepared.action.type,
    fromStepId: prepared.before.currentStepId ?? null,
    toStepId: prepared.state.currentStepId ?? null,
    role: prepared.role,
    locked: prepared.state.locked,
    revision: prepared.revision + 1,
    certificateSerial: serial,
    revokedSerials: [...revoked],
  });
}
