/**
 * `@antt/criteria`: the one home of every ANTT rule. The API, the admin app's live preview and
 * partner code all call these functions; nothing here does I/O.
 */
export * from './result.ts';
export * from './text.ts';
export * from './definition.ts';
export * from './issues.ts';
export * from './limits.ts';
export * from './catalog.ts';
export * from './explain.ts';
export * from './engine.ts';
export * from './batch.ts';
export * from './lifecycle.ts';
export * from './selection.ts';
export * from './sample-inputs.ts';
export * from './rollup.ts';
export * from './restate.ts';
export * from './impact.ts';
export * from './diff.ts';
export * from './templates/index.ts';
export * from './unit-kinds.ts';
export * from './periods.ts';
export * from './workflow.ts';
export * from './certificate.ts';
export * from './access.ts';
export * from './visibility.ts';
export * from './targets.ts';
export * from './templates/workflows.ts';
export * from './criteria-package.ts';
