import type { CombinedError } from '@urql/core';
import { t, type MessageKey } from '../../i18n/index.ts';
import { isNotFound, type NotFound } from '../../lib/queries/common.ts';
import type { ValidationErrorData } from '../../lib/queries/workflow.ts';

/*
 * What the API made of a list over an area (a dry run, the work list), told in Vietnamese: the typed
 * errors of the result union, and FORBIDDEN (an area outside the caller's roles) from the transport.
 */

export function isForbidden(error: CombinedError | undefined): boolean {
  return error?.graphQLErrors.some((graphQLError) => graphQLError.extensions?.['code'] === 'FORBIDDEN') ?? false;
}

export type ListAnswer<List> =
  | { readonly kind: 'list'; readonly list: List }
  /** Why there is no list, in Vietnamese. */
  | { readonly kind: 'problem'; readonly text: string };

/** The list, or why there is none (`forbidden` says it for this page); undefined while it is loading. */
export function areaListAnswer<List extends { readonly __typename: string }>(
  result: { readonly answer: List | NotFound | ValidationErrorData | null | undefined; readonly error?: CombinedError | undefined },
  areaCode: string,
  forbidden: MessageKey,
): ListAnswer<List> | undefined {
  const { answer, error } = result;
  if (!answer) {
    if (isForbidden(error)) return { kind: 'problem', text: t(forbidden, { area: areaCode }) };
    return error ? { kind: 'problem', text: t('common.error', { message: error.message }) } : undefined;
  }
  if (isNotFound(answer)) return { kind: 'problem', text: t('area.notFound', { area: areaCode }) };
  if (answer.__typename === 'ValidationError') {
    const invalid = answer as ValidationErrorData;
    return { kind: 'problem', text: invalid.issues.some((issue) => issue.path === 'programId') ? t('area.noWorkflow') : t('area.invalid', { message: invalid.message }) };
  }
  return { kind: 'list', list: answer as List };
}
