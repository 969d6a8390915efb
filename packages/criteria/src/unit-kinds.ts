import type { Result } from './result.ts';
import { err, ok } from './result.ts';
import type { LocalizedText } from './text.ts';

export type UnitLevel = 'province' | 'district' | 'commune' | 'residentialArea' | 'organisation';

export interface UnitKind {
  id: string;
  level: UnitLevel;
  title: LocalizedText;
  /** Kinds a unit of this kind may sit directly under. Empty for the top of the tree. */
  parentKinds: readonly string[];
  /** The kind no longer exists (district, township since 1 Jul 2025) but old records use it. */
  historical?: boolean;
  /** Local names of the kind, e.g. thon or to_dan_pho for a residential area. */
  localTypes?: readonly string[];
  /** Free-text note on which units of this kind the standard leaves out. */
  excludedWhen?: string;
}

export const residentialAreaLocalTypes = [
  'thon',
  'lang',
  'ban',
  'ap',
  'buon',
  'phum',
  'soc',
  'khom',
  'to_dan_pho',
  'khu_pho',
  'xom',
] as const;

const communeLevelKindIds = ['commune', 'ward', 'specialZone', 'township'] as const;

// Agencies, enterprises and schools are managed by a commune, by a province, or (before 1 Jul 2025)
// by a district; the managing level decides who recognises them (TT124 Art. 10).
const organisationParentKinds = [...communeLevelKindIds, 'district', 'province'] as const;

/**
 * The national unit kinds: the 2025 two-tier structure plus the historical district and township,
 * which legacy records still reference. Whether a province is a centrally run city is an attribute
 * of the unit (`isCity`), not a kind.
 */
export const nationalUnitKinds: readonly UnitKind[] = [
  {
    id: 'province',
    level: 'province',
    title: { vi: 'Tỉnh, thành phố trực thuộc Trung ương', en: 'Province or centrally run city' },
    parentKinds: [],
  },
  {
    id: 'district',
    level: 'district',
    title: {
      vi: 'Huyện, quận, thị xã, thành phố thuộc tỉnh',
      en: 'District, urban district, town or provincial city (before 1 Jul 2025)',
    },
    parentKinds: ['province'],
    historical: true,
  },
  {
    id: 'commune',
    level: 'commune',
    title: { vi: 'Xã', en: 'Commune' },
    parentKinds: ['province', 'district'],
  },
  {
    id: 'ward',
    level: 'commune',
    title: { vi: 'Phường', en: 'Ward' },
    parentKinds: ['province', 'district'],
  },
  {
    id: 'specialZone',
    level: 'commune',
    title: { vi: 'Đặc khu', en: 'Special zone' },
    parentKinds: ['province', 'district'],
  },
  {
    id: 'township',
    level: 'commune',
    title: { vi: 'Thị trấn', en: 'Township (before 1 Jul 2025)' },
    parentKinds: ['district'],
    historical: true,
  },
  {
    id: 'residentialArea',
    level: 'residentialArea',
    title: { vi: 'Khu dân cư', en: 'Residential area' },
    parentKinds: communeLevelKindIds,
    localTypes: residentialAreaLocalTypes,
  },
  {
    id: 'agency',
    level: 'organisation',
    title: { vi: 'Cơ quan', en: 'Agency' },
    parentKinds: organisationParentKinds,
    excludedWhen: 'Armed-forces units (đơn vị thuộc lực lượng vũ trang) are excluded by TT124 Art. 1.',
  },
  {
    id: 'enterprise',
    level: 'organisation',
    title: { vi: 'Doanh nghiệp', en: 'Enterprise' },
    parentKinds: organisationParentKinds,
    excludedWhen: 'Small and micro enterprises (doanh nghiệp nhỏ và siêu nhỏ) are excluded by TT124 Art. 1.',
  },
  {
    id: 'school',
    level: 'organisation',
    title: { vi: 'Cơ sở giáo dục', en: 'Educational institution' },
    parentKinds: organisationParentKinds,
    excludedWhen: 'Primary schools, kindergartens and nurseries (tiểu học, mẫu giáo, nhà trẻ) are excluded by TT124 Art. 1.',
  },
];

export type UnitKindIssue =
  | { code: 'duplicateId'; kindId: string }
  | { code: 'unknownParent'; kindId: string; parentKindId: string }
  /** `kindIds` walks the cycle child → parent, starting from its smallest id. */
  | { code: 'parentCycle'; kindIds: readonly string[] };

export interface UnitKindRegistry {
  get(id: string): UnitKind | undefined;
  has(id: string): boolean;
  /** National kinds first, then the additions, each in the order given. */
  all(): readonly UnitKind[];
  /** Whether a unit of `childKindId` may sit directly under a unit of `parentKindId`. */
  canBeChildOf(childKindId: string, parentKindId: string): boolean;
  kindsAtLevel(level: UnitLevel): readonly UnitKind[];
  /** Commune, ward, special zone, township — or any added kind at the commune level. */
  isCommuneLevel(id: string): boolean;
  /** Kinds that may sit directly under `id`. */
  childKinds(id: string): readonly UnitKind[];
  /** Kinds that may sit anywhere below `id`, nearest first; excludes `id` itself. */
  descendantKinds(id: string): readonly UnitKind[];
}

/**
 * Builds the registry of unit kinds a province works with: the national kinds plus its own.
 *
 * @example
 * const registry = createUnitKindRegistry(nationalUnitKinds, [
 *   {
 *     id: 'religiousEstablishment',
 *     level: 'organisation',
 *     title: { vi: 'Cơ sở tôn giáo', en: 'Religious establishment' },
 *     parentKinds: ['commune', 'ward', 'specialZone'],
 *   },
 * ]);
 * if (registry.ok) registry.value.canBeChildOf('religiousEstablishment', 'ward'); // true
 */
export function createUnitKindRegistry(
  kinds: readonly UnitKind[],
  additions: readonly UnitKind[] = [],
): Result<UnitKindRegistry, UnitKindIssue[]> {
  const issues: UnitKindIssue[] = [];
  const byId = new Map<string, UnitKind>();
  const ordered: UnitKind[] = [];
  const reportedDuplicates = new Set<string>();

  for (const kind of [...kinds, ...additions]) {
    if (byId.has(kind.id)) {
      if (!reportedDuplicates.has(kind.id)) {
        reportedDuplicates.add(kind.id);
        issues.push({ code: 'duplicateId', kindId: kind.id });
      }
      continue;
    }
    byId.set(kind.id, kind);
    ordered.push(kind);
  }

  for (const kind of ordered) {
    for (const parentKindId of new Set(kind.parentKinds)) {
      if (!byId.has(parentKindId)) issues.push({ code: 'unknownParent', kindId: kind.id, parentKindId });
    }
  }

  issues.push(...findParentCycles(ordered, byId));
  if (issues.length > 0) return err(issues);

  const children = new Map<string, UnitKind[]>();
  for (const kind of ordered) {
    for (const parentKindId of new Set(kind.parentKinds)) {
      const list = children.get(parentKindId);
      if (list) list.push(kind);
      else children.set(parentKindId, [kind]);
    }
  }

  const registry: UnitKindRegistry = {
    get: (id) => byId.get(id),
    has: (id) => byId.has(id),
    all: () => ordered,
    canBeChildOf: (childKindId, parentKindId) =>
      byId.has(parentKindId) && (byId.get(childKindId)?.parentKinds.includes(parentKindId) ?? false),
    kindsAtLevel: (level) => ordered.filter((kind) => kind.level === level),
    isCommuneLevel: (id) => byId.get(id)?.level === 'commune',
    childKinds: (id) => children.get(id) ?? [],
    descendantKinds: (id) => {
      const seen = new Set<string>([id]);
      const result: UnitKind[] = [];
      for (let i = -1; i < result.length; i++) {
        const current = i < 0 ? id : result[i]!.id;
        for (const child of children.get(current) ?? []) {
          if (seen.has(child.id)) continue;
          seen.add(child.id);
          result.push(child);
        }
      }
      return result;
    },
  };
  return ok(registry);
}

function findParentCycles(ordered: readonly UnitKind[], byId: ReadonlyMap<string, UnitKind>): UnitKindIssue[] {
  const done = new Set<string>();
  const cycleKeys = new Set<string>();
  const issues: UnitKindIssue[] = [];

  // Iterative depth-first walk up the parent links; `path` holds the kinds on the current branch.
  for (const start of ordered) {
    if (done.has(start.id)) continue;
    const path: string[] = [];
    const onPath = new Map<string, number>();
    const stack: { id: string; next: number }[] = [{ id: start.id, next: 0 }];
    path.push(start.id);
    onPath.set(start.id, 0);

    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const parents = byId.get(frame.id)?.parentKinds ?? [];
      if (frame.next >= parents.length) {
        stack.pop();
        path.pop();
        onPath.delete(frame.id);
        done.add(frame.id);
        continue;
      }
      const parentId = parents[frame.next++]!;
      if (!byId.has(parentId) || done.has(parentId)) continue;
      const index = onPath.get(parentId);
      if (index !== undefined) {
        const cycle = rotateToSmallest(path.slice(index));
        const key = cycle.join('\u0000');
        if (!cycleKeys.has(key)) {
          cycleKeys.add(key);
          issues.push({ code: 'parentCycle', kindIds: cycle });
        }
        continue;
      }
      onPath.set(parentId, path.length);
      path.push(parentId);
      stack.push({ id: parentId, next: 0 });
    }
  }
  return issues;
}

function rotateToSmallest(cycle: readonly string[]): string[] {
  let smallest = 0;
  cycle.forEach((id, i) => {
    if (id < cycle[smallest]!) smallest = i;
  });
  return [...cycle.slice(smallest), ...cycle.slice(0, smallest)];
}
