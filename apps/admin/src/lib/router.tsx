import { useMemo, useSyncExternalStore, type MouseEvent, type ReactNode } from 'react';

/*
 * A very small history router: a handful of pages and their query strings do not need a routing library.
 * The URL holds every choice a page makes (program, year, area, search…), so any view can be
 * bookmarked or shared.
 */

const NAVIGATE = 'admin:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE, onChange);
  };
}

function currentHref(): string {
  return window.location.pathname + window.location.search;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === currentHref()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE));
}

export interface Location {
  readonly path: string;
  readonly query: URLSearchParams;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, currentHref, () => '/');
  return useMemo(() => {
    const url = new URL(href, 'http://admin.local');
    return { path: url.pathname, query: url.searchParams };
  }, [href]);
}

/** `'/units/:code'` against `'/units/10660'` → `{ code: '10660' }`; `undefined` when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const actual = have[index]!;
    if (part.startsWith(':')) params[part.slice(1)] = decodeURIComponent(actual);
    else if (part !== actual) return undefined;
  }
  return params;
}

/** A path with a query string; empty and undefined values are left out. */
export function href(path: string, query: Readonly<Record<string, string | number | undefined>> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** The page's query string as state: reading a key and replacing some keys while keeping the others. */
export function useQueryState(): [URLSearchParams, (changes: Readonly<Record<string, string | undefined>>) => void] {
  const { path, query } = useLocation();
  const update = (changes: Readonly<Record<string, string | undefined>>) => {
    const next = Object.fromEntries(query.entries()) as Record<string, string | undefined>;
    Object.assign(next, changes);
    navigate(href(path, next), { replace: true });
  };
  return [query, update];
}

export function Link(props: { to: string; className?: string; children: ReactNode; 'aria-current'?: 'page' }) {
  const { to, children, ...rest } = props;
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(to);
    window.scrollTo?.(0, 0);
  };
  return (
    <a href={to} onClick={onClick} {...rest}>
      {children}
    </a>
  );
}
