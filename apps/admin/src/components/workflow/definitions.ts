import { nationalWorkflows, type WorkflowDefinition } from '@antt/criteria';
import type { WorkflowStepData } from '../../lib/queries/workflow.ts';

/*
 * The domain's recognition workflows, as the API serves them (it reads the same definitions), for
 * pages that need a step before any assessment was loaded: the bulk page asks what a step requires.
 */

/** The recognition workflow of a program; undefined when it has none. */
export function workflowOfProgram(programId: string): WorkflowDefinition | undefined {
  return nationalWorkflows.find((definition) => definition.programIds.includes(programId));
}

/** A definition's steps in the shape `Workflow.steps` has in the API's answers. */
export function stepsOf(definition: WorkflowDefinition): WorkflowStepData[] {
  return definition.steps.map((step) => ({
    id: step.id,
    title: step.title.vi,
    actingBody: step.actingBody.vi,
    roles: [...step.roles],
    artefactKind: step.artefact?.kind ?? null,
    artefactRequired: step.artefact?.required ?? false,
    modes: (step.modes ?? []).map((mode) => (mode === 'meeting' ? ('MEETING' as const) : ('WRITTEN_CONSULTATION' as const))),
    canReturnTo: [...(step.canReturnTo ?? [])],
    decides: step.decides ?? false,
    unverified: step.unverified ?? false,
  }));
}
