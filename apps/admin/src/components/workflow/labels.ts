import { ROLE_VI, type WorkflowRole } from '@antt/criteria';
import { t, type MessageKey } from '../../i18n/index.ts';
import { vi } from '../../i18n/vi.ts';
import type { AppraisalMode, WorkflowActionType } from '../../lib/queries/workflow.ts';

/*
 * Vietnamese names for the workflow's codes: roles, artefact kinds, appraisal modes and actions. A
 * code the dictionary does not know yet (a role added to the API later) shows as it is.
 */

function labelOf(prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return key in vi ? t(key as MessageKey) : code;
}

/** Roles are named by the domain, so a message from the API and the admin's label read the same. */
export function roleLabel(role: string): string {
  return Object.hasOwn(ROLE_VI, role) ? ROLE_VI[role as WorkflowRole] : role;
}

export function artefactLabel(kind: string): string {
  return labelOf('workflow.artefact', kind);
}

export function modeLabel(mode: AppraisalMode): string {
  return labelOf('workflow.mode', mode);
}

export function actionLabel(action: WorkflowActionType): string {
  return labelOf('workflow.action', action);
}
