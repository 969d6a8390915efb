import { formatNumberVi } from '@antt/criteria';
import { vi, type MessageKey } from './vi.ts';

export type { MessageKey } from './vi.ts';

export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * The Vietnamese text for `key`, with each `{name}` replaced by `params.name`. Numbers are written
 * the Vietnamese way (`1.234,5`) by the domain's formatter. An unknown placeholder stays visible
 * rather than silently disappearing.
 */
export function t(key: MessageKey, params: MessageParams = {}): string {
  return vi[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumberVi(value, 2) : value;
  });
}
