import { gql } from '@urql/core';
import type { NotFound, OutcomeStatus } from './common.ts';

export interface ProgramOption {
  readonly id: string;
  readonly title: string;
}

export const programsQuery = gql<{ programs: ProgramOption[] }>`
  query Programs {
    programs {
      id
      title
    }
  }
`;

export interface ReportFigures {
  readonly __typename: 'Report';
  readonly areaCode: string | null;
  readonly summary: string;
  readonly onDate: string;
  readonly units: number;
  readonly met: number;
  readonly notMet: number;
  readonly notAssessed: number;
  readonly notApplicable: number;
  readonly sharePercent: number | null;
  readonly metChange: number | null;
  readonly shareChangePoints: number | null;
  readonly previous: { readonly met: number; readonly units: number } | null;
  readonly target: { readonly title: string; readonly thresholdPercent: number; readonly reached: boolean; readonly missing: number } | null;
  readonly criterionFailures: ReadonlyArray<{ readonly criterionId: string; readonly code: string; readonly title: string; readonly count: number }>;
  readonly breakdown: ReadonlyArray<{
    readonly areaCode: string | null;
    readonly units: number;
    readonly met: number;
    readonly sharePercent: number | null;
    readonly metChange: number | null;
  }>;
}

export interface ReportVariables {
  readonly programId: string;
  readonly periodYear: number;
  readonly areaCode?: string | undefined;
  readonly unitKinds?: readonly string[] | undefined;
}

export const reportQuery = gql<{ report: ReportFigures | NotFound }, ReportVariables>`
  query Report($programId: String!, $periodYear: Int!, $areaCode: String, $unitKinds: [String!]) {
    report(programId: $programId, periodYear: $periodYear, areaCode: $areaCode, unitKinds: $unitKinds) {
      __typename
      ... on Report {
        areaCode
        summary
        onDate
        units
        met
        notMet
        notAssessed
        notApplicable
        sharePercent
        metChange
        shareChangePoints
        previous {
          met
          units
        }
        target {
          title
          thresholdPercent
          reached
          missing
        }
        criterionFailures {
          criterionId
          code
          title
          count
        }
        breakdown {
          areaCode
          units
          met
          sharePercent
          metChange
        }
      }
      ... on NotFoundError {
        code
        message
      }
    }
  }
`;

export interface AreaName {
  readonly code: string;
  readonly fullName: string;
}

/** The area's own name and the names of the areas one level down, for the breakdown table. */
export const areaNamesQuery = gql<
  { area: ({ __typename: 'Unit'; children: { edges: ReadonlyArray<{ node: AreaName }> } } & AreaName) | NotFound },
  { code: string }
>`
  query AreaNames($code: String!) {
    area: unit(code: $code) {
      __typename
      ... on Unit {
        code
        fullName
        children(first: 1000) {
          edges {
            node {
              code
              fullName
            }
          }
        }
      }
      ... on NotFoundError {
        code
        message
      }
    }
  }
`;

export interface FailingCriterion {
  readonly code: string;
  readonly title: string;
  readonly reason: string;
}

export interface DrillDownUnit {
  readonly code: string;
  readonly fullName: string;
  readonly kind: string;
  readonly assessment: {
    readonly outcome: OutcomeStatus;
    readonly explanation: { readonly summary: string; readonly failingCriteria: readonly FailingCriterion[] } | null;
  } | null;
}

export interface DrillDownPage {
  readonly __typename: 'Report';
  readonly drillDown: {
    readonly totalCount: number;
    readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
    readonly edges: ReadonlyArray<{ readonly node: DrillDownUnit }>;
  };
}

export const drillDownQuery = gql<
  { report: DrillDownPage | NotFound },
  ReportVariables & { outcome: string; first: number; after?: string | undefined }
>`
  query DrillDown(
    $programId: String!
    $periodYear: Int!
    $areaCode: String
    $unitKinds: [String!]
    $outcome: String!
    $first: Int!
    $after: String
  ) {
    report(programId: $programId, periodYear: $periodYear, areaCode: $areaCode, unitKinds: $unitKinds) {
      __typename
      ... on Report {
        drillDown(outcome: $outcome, first: $first, after: $after) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              code
              fullName
              kind
              assessment(programId: $programId, periodYear: $periodYear) {
                outcome
                explanation {
                  summary
                  failingCriteria {
                    code
                    title
                    reason
                  }
                }
              }
            }
          }
        }
      }
      ... on NotFoundError {
        code
        message
      }
    }
  }
`;
