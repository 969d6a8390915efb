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

/** Above a list a page asked for: "loading" until there is an answer, then why there is no list, if so. */
export function AnswerNote({ answer }: { answer: { readonly kind: string; readonly text?: string } | undefined }) {
  if (!answer)
    return (
      <p className="note" aria-busy="true">
        {t('common.loading')}
      </p>
    );
  if (answer.kind !== 'problem') return null;
  return (
    <p className="note note-error" role="alert">
      {answer.text}
    </p>
  );
}
