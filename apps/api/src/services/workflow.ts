import { randomBytes } from 'node:crypto';
import {
  availableActions,
  formatCertificateSerial,
  grantsFor,
  isWithin,
  nationalWorkflows,
  overdue,
  programSerialCode,
  SERIAL_RANDOM_BYTES,
  serialRandomPart,
  startWorkflow,
  stepDeadlines,
  tt124PeriodScheme,
  type Grant,
  type WorkflowAction,
  type WorkflowDefinition,
  type WorkflowRole,
  type WorkflowState,
} from '@antt/criteria';
import type { Prisma } from '@antt/db';

/*
 * Recognition workflow: load the stored state (or the start state when nobody has acted yet), pick
 * the caller's role for the step, let @antt/criteria decide, store the new state, freeze the
 * explanation and issue or revoke the certificate. No transition rule lives here.
 */

export function workflowFor(programId: string): WorkflowDefinition | undefined {
  return nationalWorkflows.find((definition) => definition.programIds.includes(programId));
}

export interface StoredItem {
  readonly state: unknown;
  readonly revision: number;
}

/** The item's domain state, or the start state when no action was taken yet. */
export function stateOf(definition: WorkflowDefinition, item: StoredItem | null | undefined): WorkflowState {
  return item ? (item.state as WorkflowState) : startWorkflow(definition);
}

/**
 * The role the caller acts in: one of their grants on `path` whose role the action admits and whose
 * permission allows it. Undefined means FORBIDDEN.
 */
export function actingRole(grants: readonly Grant[], definition: WorkflowDefinition, state: WorkflowState, type: WorkflowAction['type'], path: string): WorkflowRole | undefined {
  const permission = type === 'unlock' ? 'workflow.unlock' : 'workflow.act';
  const admitted: readonly WorkflowRole[] =
    type === 'unlock' ? definition.unlockRoles : (definition.steps.find((step) => step.id === state.currentStepId)?.roles ?? []);
  return grantsFor(grants, permission, path).find((grant) => admitted.includes(grant.role))?.role;
}

/** What the caller could do now on this unit, over all their grants there. */
export function actionsFor(grants: readonly Grant[], definition: WorkflowDefinition, state: WorkflowState, path: string): WorkflowAction['type'][] {
  const actions = new Set<WorkflowAction['type']>();
  for (const grant of grants) {
    if (!isWithin(path, grant.scopePath)) continue;
    for (const action of availableActions(definition, state, grant.role)) {
      if (actingRole([grant], definition, state, action, path)) actions.add(action);
    }
  }
  return [...actions];
}

export interface DeadlineView {
  readonly stepId: string;
  readonly dueOn: string;
  readonly overdueDays: number;
}

export function deadlinesOf(definition: WorkflowDefinition, state: WorkflowState, unitKind: string, year: number, today: string): DeadlineView[] {
  const deadlines = stepDeadlines(definition, tt124PeriodScheme, unitKind, year);
  const late = overdue(state, deadlines, today);
  return deadlines.map((deadline) => ({ ...deadline, overdueDays: late?.stepId === deadline.stepId ? late.days : 0 }));
}

/**
 * The next serial for (province, program, year), with a random part from a cryptographic source: serials are never reused, revoked ones included.
 * Two decisions committing at once would count the same certificates, so the count runs under a
 * transaction-scoped lock on the serial's prefix: the second waits for the first to commit.
 */
export async function nextSerial(tx: Prisma.TransactionClient, provinceCode: string, programId: string, year: number): Promise<string> {
  const programCode = programSerialCode(programId);
  const prefix = `${provinceCode}-${programCode}-${year}-`;
  await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext(${prefix}))`;
  const issued = await tx.certificate.count({ where: { serial: { startsWith: prefix } } });
  // The sequence only orders a province's certificates; the random part is what nobody can guess.
  return formatCertificateSerial({ provinceCode, programCode, year, sequence: issued + 1, random: serialRandomPart(randomBytes(SERIAL_RANDOM_BYTES)) });
}
