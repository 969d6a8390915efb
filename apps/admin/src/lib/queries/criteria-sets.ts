import { gql } from '@urql/core';
import type { NotFound } from './common.ts';

export interface SetVersionRef {
  readonly version: number;
  readonly status: string;
}

export interface CriteriaSetRow {
  readonly id: string;
  readonly title: string;
  readonly ownerScope: string;
  readonly provinceCode: string | null;
  readonly program: { readonly id: string; readonly title: string };
  readonly versions: readonly SetVersionRef[];
}

export const criteriaSetsQuery = gql<
  { criteriaSets: { totalCount: number; edges: ReadonlyArray<{ node: CriteriaSetRow }> } },
  { provinceCode?: string | undefined; programId?: string | undefined }
>`
  query CriteriaSets($provinceCode: String, $programId: String) {
    criteriaSets(provinceCode: $provinceCode, programId: $programId, first: 200) {
      totalCount
      edges {
        node {
          id
          title
          ownerScope
          provinceCode
          program {
            id
            title
          }
          versions {
            version
            status
          }
        }
      }
    }
  }
`;

export interface CriterionRow {
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly depth: number;
  readonly unverified: boolean;
  readonly expected: string;
  readonly measureType: string;
  readonly required: boolean;
  readonly critical: boolean;
}

export interface CriteriaSetVersionDetail {
  readonly __typename: 'CriteriaSetVersion';
  readonly setId: string;
  readonly version: number;
  readonly status: string;
  readonly extendsSetId: string | null;
  readonly extendsVersion: number | null;
  readonly set: { readonly title: string; readonly program: { readonly title: string } };
  readonly criteria: readonly CriterionRow[];
  /** The resolved definition, evaluated in the browser by `@antt/criteria`. */
  readonly resolved: unknown;
}

export const criteriaSetVersionQuery = gql<
  { criteriaSetVersion: CriteriaSetVersionDetail | NotFound },
  { setId: string; version: number }
>`
  query CriteriaSetVersion($setId: String!, $version: Int!) {
    criteriaSetVersion(setId: $setId, version: $version) {
      __typename
      ... on CriteriaSetVersion {
        setId
        version
        status
        extendsSetId
        extendsVersion
        set {
          title
          program {
            title
          }
        }
        criteria {
          id
          code
          title
          depth
          unverified
          expected
          measureType
          required
          critical
        }
        resolved
      }
      ... on NotFoundError {
        code
        message
      }
    }
  }
`;
