import type { Status } from '@antt/criteria';

/** An expected failure the API returns as data (`... on NotFoundError`). */
export interface NotFound {
  readonly __typename: 'NotFoundError';
  readonly code: string;
  readonly message: string;
}

export type OutcomeStatus = Status;

export function isNotFound(value: { readonly __typename: string } | null | undefined): value is NotFound {
  return value?.__typename === 'NotFoundError';
}
