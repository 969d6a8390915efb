import { tt124RecognitionWorkflow } from '@antt/criteria';
import type { AssessmentWithWorkflow, WorkflowBulkItem, WorkflowData, WorkflowQueueItem, WorkflowStepData } from '../../lib/queries/workflow.ts';
import { stepsOf } from './definitions.ts';

/*
 * Data for the workflow tests, shaped as the API answers: the steps come from the domain's own
 * workflow definitions (see definitions.ts), so a changed definition shows up in these tests too.
 */

export const tt124Steps = stepsOf(tt124RecognitionWorkflow);

export function step(id: string): WorkflowStepData {
  const found = tt124Steps.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no TT124 step ${id}`);
  return found;
}

export function tt124Workflow(overrides: Partial<WorkflowData> = {}): WorkflowData {
  return {
    workflowId: tt124RecognitionWorkflow.id,
    title: tt124RecognitionWorkflow.title.vi,
    revision: 1,
    round: 1,
    returns: 0,
    locked: false,
    overdueDays: 0,
    availableActions: [],
    steps: tt124Steps,
    currentStep: { id: 'registration' },
    deadlines: [],
    decision: null,
    history: [],
    certificates: [],
    ...overrides,
  };
}

export function residentialAreaAssessment(workflow: Partial<WorkflowData> = {}): AssessmentWithWorkflow {
  return {
    __typename: 'Assessment',
    id: 'QXNzZXNzbWVudDox',
    periodYear: 2026,
    outcome: 'notMet',
    program: { id: 'safeSecurityOrder', title: 'An toàn về an ninh, trật tự' },
    explanation: {
      failingCriteria: [{ id: 'tt124-kdc.no-incidents', code: '2', title: 'Không để xảy ra vụ việc phức tạp' }],
      criteria: [
        { id: 'tt124-kdc.policy', code: '1', title: 'Chấp hành chủ trương, chính sách' },
        { id: 'tt124-kdc.no-incidents', code: '2', title: 'Không để xảy ra vụ việc phức tạp' },
      ],
    },
    workflow: tt124Workflow(workflow),
  };
}

/** An item of a bulk dry run: a residential area of Thành Đông ward at registration, its outcome met. */
export function bulkItem(unitCode: string, changes: Partial<WorkflowBulkItem> = {}): WorkflowBulkItem {
  return {
    assessmentId: `A-${unitCode}`,
    unitCode,
    unitName: `Tổ dân phố số ${Number(unitCode.slice(-2))}`,
    outcome: 'met',
    stepId: 'registration',
    revision: 1,
    reason: null,
    certificateSerial: null,
    ...changes,
  };
}

/** An item of Thành Đông's work list: a residential area at registration, late by `overdueDays`. */
export function queueItem(unitCode: string, changes: Partial<WorkflowQueueItem> = {}): WorkflowQueueItem {
  const registration = step('registration');
  return {
    assessmentId: `A-${unitCode}`,
    unitCode,
    unitName: `Tổ dân phố số ${Number(unitCode.slice(-2))}`,
    unitKind: 'residentialArea',
    outcome: 'met',
    stepId: registration.id,
    stepTitle: registration.title,
    actingBody: registration.actingBody,
    dueOn: '2026-03-31',
    overdueDays: 237,
    locked: false,
    returns: 0,
    revision: 1,
    availableActions: [],
    ...changes,
  };
}
