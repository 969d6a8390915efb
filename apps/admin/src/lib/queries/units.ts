import { gql } from '@urql/core';
import type { NotFound } from './common.ts';

export interface UnitSummary {
  readonly code: string;
  readonly fullName: string;
  readonly kind: string;
  readonly validFrom: string;
  readonly validTo: string | null;
}

export const unitSearchQuery = gql<
  { units: { totalCount: number; edges: ReadonlyArray<{ node: UnitSummary }> } },
  { search: string; asOf?: string | undefined; first: number }
>`
  query UnitSearch($search: String!, $asOf: Date, $first: Int!) {
    units(filter: { search: $search }, asOf: $asOf, first: $first) {
      totalCount
      edges {
        node {
          code
          fullName
          kind
          validFrom
          validTo
        }
      }
    }
  }
`;

export interface UnitVersion {
  readonly id: string;
  readonly fullName: string;
  readonly parentCode: string | null;
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly legalAct: string | null;
}

export interface LineageUnit {
  readonly code: string;
  readonly fullName: string;
  readonly validFrom: string;
  readonly validTo: string | null;
}

export interface LineageLink {
  readonly event: string;
  readonly effectiveOn: string;
  readonly share: string;
  readonly legalAct: string | null;
  readonly from: LineageUnit;
  readonly to: LineageUnit;
}

export interface UnitDetail extends UnitSummary {
  readonly __typename: 'Unit';
  readonly id: string;
  readonly legalAct: string | null;
  readonly provinceCode: string | null;
  readonly parent: { readonly code: string; readonly fullName: string } | null;
  readonly history: readonly UnitVersion[];
  readonly predecessors: readonly LineageLink[];
  readonly successors: readonly LineageLink[];
}

export const unitDetailQuery = gql<{ unit: UnitDetail | NotFound }, { code: string; asOf?: string | undefined }>`
  query UnitDetail($code: String!, $asOf: Date) {
    unit(code: $code, asOf: $asOf) {
      __typename
      ... on Unit {
        id
        code
        fullName
        kind
        validFrom
        validTo
        legalAct
        provinceCode
        parent {
          code
          fullName
        }
        history {
          id
          fullName
          parentCode
          validFrom
          validTo
          legalAct
        }
        predecessors {
          ...LineageLinkFields
        }
        successors {
          ...LineageLinkFields
        }
      }
      ... on NotFoundError {
        code
        message
      }
    }
  }

  fragment LineageLinkFields on LineageLink {
    event
    effectiveOn
    share
    legalAct
    from {
      code
      fullName
      validFrom
      validTo
    }
    to {
      code
      fullName
      validFrom
      validTo
    }
  }
`;
