import { broadestScope, landingArea, provinceOfScope, type Permission } from '@antt/criteria';
import { useQuery } from 'urql';
import { viewerQuery } from './queries/session.ts';

/**
 * Where the signed-in person's pages open: the area and province of their broadest grant carrying
 * `permission`, so staff of Hà Nội land on Hà Nội and a national officer on the whole country ('').
 * Both are undefined while the grants load, or when no grant carries the permission.
 */
export function useHome(permission: Permission): { readonly fetching: boolean; readonly area?: string; readonly province?: string } {
  const [{ data, fetching }] = useQuery({ query: viewerQuery });
  const grants = data?.viewer.grants ?? [];
  const scope = broadestScope(grants, permission);
  const area = landingArea(grants, permission);
  return { fetching: fetching && !data, ...(area !== undefined && { area }), ...(scope !== undefined && { province: provinceOfScope(scope) }) };
}
