import { gql } from '@urql/core';
import type { NotFound, OutcomeStatus } from './common.ts';

/*
 * The recognition workflow of an assessment: where it stands, what the signed-in caller may do now
 * (`availableActions`), the action itself (`actOnAssessment`, sent with the revision it was prepared
 * on), the same for many items at once (`workflowBulkPlan` then `bulkActOnAssessments`) and the
 * public check of a certificate by its serial; an area's work list (`workflowQueue`) and the actions
 * pushed as they commit (`workflowChanged`).
 */

export type WorkflowActionType = 'COMPLETE' | 'RETURN' | 'DECIDE' | 'UNLOCK';
export type AppraisalMode = 'MEETING' | 'WRITTEN_CONSULTATION';

export interface WorkflowStepData {
  readonly id: string;
  readonly title: string;
  /** The body that acts at this step, in Vietnamese. */
  readonly actingBody: string;
  readonly roles: readonly string[];
  readonly artefactKind: string | null;
  readonly artefactRequired: boolean;
  readonly modes: readonly AppraisalMode[];
  readonly canReturnTo: readonly string[];
  readonly decides: boolean;
  readonly unverified: boolean;
}

export interface WorkflowDecisionData {
  readonly recognised: boolean;
  readonly number: string;
  readonly date: string;
  readonly signer: string | null;
}

export interface WorkflowEventData {
  readonly type: WorkflowActionType;
  readonly stepId: string | null;
  readonly toStepId: string | null;
  readonly role: string;
  /** The person or application that acted, by display name; null for events recorded before names were. */
  readonly by: string | null;
  readonly at: string;
  readonly reason: string | null;
  /** RETURN: `{ "<criterionId>": "text" }`. */
  readonly comments: Readonly<Record<string, unknown>> | null;
  readonly mode: AppraisalMode | null;
  readonly artefact: { readonly kind: string; readonly documentRef: string } | null;
  readonly decision: WorkflowDecisionData | null;
}

export interface CertificateData {
  readonly serial: string;
  readonly decisionNumber: string;
  readonly decisionDate: string;
  readonly issuedAt: string;
  readonly revokedAt: string | null;
  readonly revokedReason: string | null;
}

export interface WorkflowData {
  readonly workflowId: string;
  readonly title: string;
  readonly revision: number;
  readonly round: number;
  readonly returns: number;
  readonly locked: boolean;
  readonly overdueDays: number;
  readonly availableActions: readonly WorkflowActionType[];
  readonly steps: readonly WorkflowStepData[];
  readonly currentStep: { readonly id: string } | null;
  readonly deadlines: ReadonlyArray<{ readonly stepId: string; readonly dueOn: string; readonly overdueDays: number }>;
  readonly decision: WorkflowDecisionData | null;
  readonly history: readonly WorkflowEventData[];
  readonly certificates: readonly CertificateData[];
}

export interface CriterionRef {
  readonly id: string;
  readonly code: string;
  readonly title: string;
}

export interface AssessmentWithWorkflow {
  readonly __typename: 'Assessment';
  readonly id: string;
  readonly periodYear: number;
  readonly outcome: OutcomeStatus;
  readonly program: { readonly id: string; readonly title: string };
  readonly explanation: { readonly failingCriteria: readonly CriterionRef[]; readonly criteria: readonly CriterionRef[] } | null;
  readonly workflow: WorkflowData | null;
}

export const assessmentWorkflowFields = gql`
  fragment AssessmentWorkflowFields on Assessment {
    id
    periodYear
    outcome
    program {
      id
      title
    }
    explanation {
      failingCriteria {
        id
        code
        title
      }
      criteria {
        id
        code
        title
      }
    }
    workflow {
      workflowId
      title
      revision
      round
      returns
      locked
      overdueDays
      availableActions
      steps {
        id
        title
        actingBody
        roles
        artefactKind
        artefactRequired
        modes
        canReturnTo
        decides
        unverified
      }
      currentStep {
        id
      }
      deadlines {
        stepId
        dueOn
        overdueDays
      }
      decision {
        recognised
        number
        date
        signer
      }
      history {
        type
        stepId
        toStepId
        role
        by
        at
        reason
        comments
        mode
        artefact {
          kind
          documentRef
        }
        decision {
          recognised
          number
          date
          signer
        }
      }
      certificates {
        serial
        decisionNumber
        decisionDate
        issuedAt
        revokedAt
        revokedReason
      }
    }
  }
`;

export interface UnitAssessmentsData {
  readonly unit: { readonly __typename: 'Unit'; readonly code: string; readonly assessments: readonly AssessmentWithWorkflow[] } | NotFound;
}

export interface UnitAssessmentsVariables {
  readonly code: string;
  readonly asOf?: string | undefined;
  /** Every period when omitted (the latest first): see `latestPeriodOnly`. */
  readonly periodYear?: number | undefined;
}

/** A unit's assessments in every program, for one period or all of them, each with its workflow. */
export const unitAssessmentsQuery = gql<UnitAssessmentsData, UnitAssessmentsVariables>`
  query UnitAssessments($code: String!, $asOf: Date, $periodYear: Int) {
    unit(code: $code, asOf: $asOf) {
      __typename
      ... on Unit {
        code
        assessments(periodYear: $periodYear) {
          ...AssessmentWorkflowFields
        }
      }
      ... on NotFoundError {
        code
        message
      }
    }
  }
  ${assessmentWorkflowFields}
`;

/** The assessments of the latest period that has any ("Mới nhất"), in the order the API gave them. */
export function latestPeriodOnly(assessments: readonly AssessmentWithWorkflow[]): AssessmentWithWorkflow[] {
  const latest = Math.max(...assessments.map((assessment) => assessment.periodYear));
  return assessments.filter((assessment) => assessment.periodYear === latest);
}

export interface WorkflowActionInput {
  readonly type: WorkflowActionType;
  readonly artefact?: { readonly kind: string; readonly documentRef: string };
  readonly mode?: AppraisalMode;
  readonly toStepId?: string;
  readonly reason?: string;
  readonly comments?: Readonly<Record<string, string>>;
  readonly decision?: { readonly recognised: boolean; readonly number: string; readonly date: string; readonly signer?: string };
}

export interface ValidationIssue {
  readonly code: string;
  readonly path: string;
  readonly message: string;
}

/** An input the API refused, with an issue per field (`... on ValidationError`). */
export interface ValidationErrorData {
  readonly __typename: 'ValidationError';
  readonly code: string;
  readonly message: string;
  readonly issues: readonly ValidationIssue[];
}

/** The item changed since the revision sent (`... on ConflictError`). */
export interface ConflictErrorData {
  readonly __typename: 'ConflictError';
  readonly code: string;
  readonly message: string;
  readonly currentRevision: number;
}

/** The selections behind `NotFound` and `ValidationErrorData`; a mutation that can conflict adds `currentRevision`. */
const errorFields = gql`
  fragment ErrorFields on Error {
    code
    message
    ... on ValidationError {
      issues {
        code
        path
        message
      }
    }
  }
`;

export type ActOnAssessmentResult = AssessmentWithWorkflow | ValidationErrorData | ConflictErrorData | NotFound;

export const actOnAssessmentMutation = gql<
  { actOnAssessment: ActOnAssessmentResult },
  { assessmentId: string; revision: number; action: WorkflowActionInput }
>`
  mutation ActOnAssessment($assessmentId: ID!, $revision: Int!, $action: WorkflowActionInput!) {
    actOnAssessment(assessmentId: $assessmentId, revision: $revision, action: $action) {
      __typename
      ...AssessmentWorkflowFields
      ...ErrorFields
      ... on ConflictError {
        currentRevision
      }
    }
  }
  ${assessmentWorkflowFields}
  ${errorFields}
`;

export interface CertificateCheckData {
  readonly __typename: 'CertificateCheck';
  readonly valid: boolean;
  readonly revoked: boolean;
  readonly revokedAt: string | null;
  readonly serial: string;
  /** Only for callers who may read the assessment; null for anyone else. */
  readonly unitCode: string | null;
  readonly unitName: string;
  readonly programId: string;
  readonly periodYear: number;
  readonly decisionNumber: string;
  readonly decisionDate: string;
}

export type VerifyCertificateResult =
  | CertificateCheckData
  | { readonly __typename: 'NotFoundError'; readonly code: string; readonly message: string }
  | { readonly __typename: 'ValidationError'; readonly code: string; readonly message: string };

export const verifyCertificateQuery = gql<{ verifyCertificate: VerifyCertificateResult }, { serial: string }>`
  query VerifyCertificate($serial: String!) {
    verifyCertificate(serial: $serial) {
      __typename
      ... on CertificateCheck {
        valid
        revoked
        revokedAt
        serial
        unitCode
        unitName
        programId
        periodYear
        decisionNumber
        decisionDate
      }
      ... on Error {
        code
        message
      }
    }
  }
`;

export type BulkWorkflowAction = 'COMPLETE' | 'DECIDE';

/** One item of a dry run (or of a result: then `stepId` is where it went and `certificateSerial` what a recognition issued). */
export interface WorkflowBulkItem {
  readonly assessmentId: string;
  readonly unitCode: string;
  readonly unitName: string;
  readonly outcome: OutcomeStatus;
  readonly stepId: string | null;
  readonly revision: number;
  /** Why a skipped item cannot move, in Vietnamese. */
  readonly reason: string | null;
  readonly certificateSerial: string | null;
}

export interface WorkflowBulkPlanData {
  readonly __typename: 'WorkflowBulkPlan';
  readonly summary: string;
  readonly ready: readonly WorkflowBulkItem[];
  readonly skipped: readonly WorkflowBulkItem[];
}

export type WorkflowBulkPlanResult = WorkflowBulkPlanData | NotFound | ValidationErrorData;

export interface WorkflowBulkPlanVariables {
  readonly programId: string;
  readonly periodYear: number;
  readonly areaCode: string;
  readonly action: BulkWorkflowAction;
  /** DECIDE: recognise (the API's default) or decline. */
  readonly recognised?: boolean | undefined;
  readonly unitKinds?: readonly string[] | undefined;
}

const workflowBulkItemFields = gql`
  fragment WorkflowBulkItemFields on WorkflowBulkItem {
    assessmentId
    unitCode
    unitName
    outcome
    stepId
    revision
    reason
    certificateSerial
  }
`;

/** The dry run: nothing changes; `ready` carries the revisions to send back. */
export const workflowBulkPlanQuery = gql<{ workflowBulkPlan: WorkflowBulkPlanResult }, WorkflowBulkPlanVariables>`
  query WorkflowBulkPlan($programId: String!, $periodYear: Int!, $areaCode: String!, $action: BulkWorkflowAction!, $recognised: Boolean, $unitKinds: [String!]) {
    workflowBulkPlan(programId: $programId, periodYear: $periodYear, areaCode: $areaCode, action: $action, recognised: $recognised, unitKinds: $unitKinds) {
      __typename
      ... on WorkflowBulkPlan {
        summary
        ready {
          ...WorkflowBulkItemFields
        }
        skipped {
          ...WorkflowBulkItemFields
        }
      }
      ...ErrorFields
    }
  }
  ${workflowBulkItemFields}
  ${errorFields}
`;

export type BulkActOnAssessmentsResult =
  | { readonly __typename: 'WorkflowBulkResult'; readonly applied: number; readonly items: readonly WorkflowBulkItem[] }
  | ValidationErrorData
  | ConflictErrorData
  | NotFound;

export interface BulkItemInput {
  readonly assessmentId: string;
  /** The revision the dry run showed. */
  readonly revision: number;
}

/** All the items or none: anything changed since the dry run is a CONFLICT and nothing moves. */
export const bulkActOnAssessmentsMutation = gql<
  { bulkActOnAssessments: BulkActOnAssessmentsResult },
  { items: readonly BulkItemInput[]; action: WorkflowActionInput }
>`
  mutation BulkActOnAssessments($items: [WorkflowBulkItemInput!]!, $action: WorkflowActionInput!) {
    bulkActOnAssessments(items: $items, action: $action) {
      __typename
      ... on WorkflowBulkResult {
        applied
        items {
          ...WorkflowBulkItemFields
        }
      }
      ...ErrorFields
      ... on ConflictError {
        currentRevision
      }
    }
  }
  ${workflowBulkItemFields}
  ${errorFields}
`;

/** One item of an area's work list: where it waits, who must act, how late it is and what the caller may do. */
export interface WorkflowQueueItem {
  readonly assessmentId: string;
  readonly unitCode: string;
  readonly unitName: string;
  readonly unitKind: string;
  readonly outcome: OutcomeStatus;
  /** Null once decided. */
  readonly stepId: string | null;
  readonly stepTitle: string | null;
  readonly actingBody: string | null;
  readonly dueOn: string | null;
  /** 0 when on time. */
  readonly overdueDays: number;
  readonly locked: boolean;
  readonly returns: number;
  readonly revision: number;
  readonly availableActions: readonly WorkflowActionType[];
}

export interface WorkflowQueueData {
  readonly __typename: 'WorkflowQueue';
  /** Before the filters: every item below the area the caller may read… */
  readonly total: number;
  /** …of which late… */
  readonly overdue: number;
  /** …and of which the caller may act on now. */
  readonly actionable: number;
  /** After the filters, the most overdue first. */
  readonly items: readonly WorkflowQueueItem[];
}

export type WorkflowQueueResult = WorkflowQueueData | NotFound | ValidationErrorData;

export interface WorkflowQueueVariables {
  readonly programId: string;
  readonly periodYear: number;
  readonly areaCode: string;
  readonly unitKinds?: readonly string[] | undefined;
  readonly overdueOnly?: boolean | undefined;
  readonly actionableOnly?: boolean | undefined;
}

/** "Việc cần xử lý": the items below an area, the most overdue first. */
export const workflowQueueQuery = gql<{ workflowQueue: WorkflowQueueResult }, WorkflowQueueVariables>`
  query WorkflowQueue($programId: String!, $periodYear: Int!, $areaCode: String!, $unitKinds: [String!], $overdueOnly: Boolean, $actionableOnly: Boolean) {
    workflowQueue(programId: $programId, periodYear: $periodYear, areaCode: $areaCode, unitKinds: $unitKinds, overdueOnly: $overdueOnly, actionableOnly: $actionableOnly) {
      __typename
      ... on WorkflowQueue {
        total
        overdue
        actionable
        items {
          assessmentId
          unitCode
          unitName
          unitKind
          outcome
          stepId
          stepTitle
          actingBody
          dueOn
          overdueDays
          locked
          returns
          revision
          availableActions
        }
      }
      ...ErrorFields
    }
  }
  ${errorFields}
`;

/** A workflow action that has committed, as the API pushes it. */
export interface WorkflowChangeData {
  readonly assessmentId: string;
  readonly unitCode: string;
  readonly periodYear: number;
  readonly type: WorkflowActionType;
  readonly fromStepId: string | null;
  readonly toStepId: string | null;
  readonly at: string;
}

/** Workflow actions below an area as they commit (server-sent events; see lib/sse-subscriptions.ts). */
export const workflowChangedSubscription = gql<{ workflowChanged: WorkflowChangeData }, { areaCode: string; programId: string }>`
  subscription WorkflowChanged($areaCode: String, $programId: String) {
    workflowChanged(areaCode: $areaCode, programId: $programId) {
      assessmentId
      unitCode
      periodYear
      type
      fromStepId
      toStepId
      at
    }
  }
`;
