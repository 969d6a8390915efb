import { t, type MessageKey } from '../../i18n/index.ts';

const statusKeys: Readonly<Record<string, MessageKey>> = {
  draft: 'sets.status.draft',
  published: 'sets.status.published',
  retired: 'sets.status.retired',
};

/** A set version's lifecycle state: draft, published or retired. */
export function SetStatus({ status }: { status: string }) {
  const key = statusKeys[status];
  return <span className={`tag tag-${status}`}>{key ? t(key) : status}</span>;
}
