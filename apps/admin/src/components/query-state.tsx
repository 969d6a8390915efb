import type { ReactNode } from 'react';
import type { CombinedError } from 'urql';
import { t } from '../i18n/index.ts';

/** Loading and failure notes shared by every page; renders `children` once data is there. */
export function QueryState(props: { fetching: boolean; error: CombinedError | undefined; hasData: boolean; children?: ReactNode }) {
  if (props.error && !props.hasData) return <p className="note note-error" role="alert">{t('common.error', { message: props.error.message })}</p>;
  if (!props.hasData) return props.fetching ? <p className="note" aria-busy="true">{t('common.loading')}</p> : null;
  return <>{props.children}</>;
}

export function NotFoundNote({ message }: { message: string }) {
  return <p className="note note-error" role="alert">{t('common.notFound', { message })}</p>;
}
