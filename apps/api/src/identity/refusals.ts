import { getOperationAST, Kind, type ExecutionResult, type GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.ts';
import { ForbiddenError } from './actor.ts';
import { auditRefusal } from './audit.ts';

/*
 * Refused attempts on protected actions go to the audit trail: a signed-in caller answered FORBIDDEN
 * on a mutation, whether the field refused them (scope-auth) or the resolver did (assertCan). Kept
 * here, after execution, so no resolver can forget it; bounded in `auditRefusal`. Anonymous callers
 * are answered UNAUTHENTICATED and never recorded per request.
 */

function isResult(value: unknown): value is ExecutionResult {
  return typeof value === 'object' && value !== null && !(Symbol.asyncIterator in value);
}

const refusalOf = (error: GraphQLError) => {
  const original = error.originalError;
  if (original instanceof ForbiddenError) return original.refusal;
  return error instanceof ForbiddenError ? error.refusal : error.extensions?.['code'] === 'FORBIDDEN' ? { permission: null, target: null } : undefined;
};

export function auditRefusals(): Plugin<Context> {
  return {
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      const ctx = args.contextValue;
      if (operation?.operation !== 'mutation' || !ctx.auth) return undefined;
      const auth = ctx.auth;
      // Errors name the root field by its alias; the audit names the mutation.
      const fieldOf = new Map<string, string>();
      for (const selection of operation.selectionSet.selections) {
        if (selection.kind === Kind.FIELD) fieldOf.set(selection.alias?.value ?? selection.name.value, selection.name.value);
      }
      return {
        async onExecuteDone({ result }) {
          if (!isResult(result)) return;
          for (const error of result.errors ?? []) {
            const refusal = refusalOf(error);
            const alias = error.path?.[0];
            if (!refusal || typeof alias !== 'string') continue;
            await auditRefusal(ctx.db, auth, { mutation: fieldOf.get(alias) ?? alias, permission: refusal.permission, target: refusal.target, reason: error.message });
          }
        },
      };
    },
  };
}
