import type { WorkflowAction, WorkflowRole } from '@antt/criteria';
import { isWithinScopes } from '../services/unit-scope.ts';
import type { EventBus } from './bus.ts';

/**
 * One committed workflow action, as pushed to subscribers. Plain JSON (`at` is a string) because it
 * crosses Redis between API instances unchanged.
 */
export interface WorkflowChange {
  /** The assessment's uuid. */
  readonly assessmentId: string;
  readonly unitId: string;
  readonly unitCode: string;
  /** The unit's path as the action's permission check saw it ("31/10507/10507-KDC01"): what scopes filter on. */
  readonly unitPath: string;
  readonly programId: string;
  readonly periodYear: number;
  readonly type: WorkflowAction['type'];
  readonly fromStepId: string | null;
  /** Null once decided. */
  readonly toStepId: string | null;
  /** The role the caller acted in. */
  readonly role: WorkflowRole;
  /** When the action committed, ISO 8601. */
  readonly at: string;
  readonly locked: boolean;
  /** The workflow revision after the action: what the next `actOnAssessment` must pass. */
  readonly revision: number;
  /** The certificate a recognising decision issued. */
  readonly certificateSerial: string | null;
  /** The certificates an unlock revoked. */
  readonly revokedSerials: readonly string[];
}

/** What the action itself knows; the unit's code and the time are filled in here. */
export type WorkflowChangeInput = Omit<WorkflowChange, 'unitCode' | 'at'>;

/**
 * Tells every subscriber, on every API instance, about an action. Call it only once the action's
 * transaction has committed, so nobody hears of a change that was rolled back; it never throws, since
 * the action is done either way.
 */
export function publishWorkflowChange(ctx: { readonly events: EventBus }, change: WorkflowChangeInput, now: Date = new Date()): void {
  // A path ends with the unit's own code (packages/db: "codes from the root down").
  const unitCode = change.unitPath.slice(change.unitPath.lastIndexOf('/') + 1);
  ctx.events.publish('workflowChanged', { ...change, unitCode, at: now.toISOString() });
}

/** Which changes one subscription receives. */
export interface WorkflowChangeFilter {
  /** The subtrees the subscriber may read assessments in (`['']`: the whole country). */
  readonly scopes: readonly string[];
  /** Only units at or below this path. */
  readonly areaPath?: string | undefined;
  readonly programId?: string | undefined;
}

export function isVisible(change: WorkflowChange, filter: WorkflowChangeFilter): boolean {
  return (
    isWithinScopes(change.unitPath, filter.scopes) &&
    (filter.areaPath === undefined || isWithinScopes(change.unitPath, [filter.areaPath])) &&
    (filter.programId === undefined || change.programId === filter.programId)
  );
}
