import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import ErrorsPlugin from '@pothos/plugin-errors';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { Permission } from '@antt/criteria';
import { GraphQLError } from 'graphql';
import type PrismaTypes from '@antt/db/pothos-types';
import { getDatamodel } from '@antt/db/pothos-types';
import type { Context } from './context.ts';
import { ForbiddenError } from './identity/actor.ts';
import { readEnv } from './env.ts';
import { fieldCost } from './limits.ts';

const env = readEnv();

/** The one builder every schema module registers on. Plugins only; no types here. */
export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  AuthScopes: {
    /** Any signed-in user or API key, except a session that must first change its one-time password. */
    authenticated: boolean;
    /** Any signed-in user or API key, a session with a one-time password included (viewer, changePassword, logout). */
    signedIn: boolean;
    /** The caller holds this permission somewhere; resolvers then check the unit itself. */
    permission: Permission;
  };
  Scalars: {
    Date: { Input: string; Output: string | Date };
    DateTime: { Input: Date; Output: Date };
    JSON: { Input: unknown; Output: unknown };
  };
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, PrismaPlugin, RelayPlugin, ComplexityPlugin],
  scopeAuth: {
    authScopes: (ctx) => ({
      authenticated: ctx.auth !== null && !ctx.auth.mustChangePassword,
      signedIn: ctx.auth !== null,
      permission: (permission) => ctx.auth?.holds(permission) ?? false,
    }),
    // A subscription is refused when it starts, not event by event after the stream is open.
    authorizeOnSubscribe: true,
    // Refusals are transport errors with a code, never typed results and never a stack trace.
    unauthorizedError: (_parent, ctx, info) =>
      ctx.auth?.mustChangePassword
        ? new GraphQLError('Hãy đổi mật khẩu dùng một lần trước (changePassword) rồi mới dùng được các chức năng khác', { extensions: { code: 'PASSWORD_CHANGE_REQUIRED' } })
        : ctx.auth
          ? new ForbiddenError(`${ctx.auth.label} không có quyền dùng ${info.parentType.name}.${info.fieldName}`)
          : new GraphQLError('Cần đăng nhập trước', { extensions: { code: 'UNAUTHENTICATED' } }),
  },
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
  prisma: {
    client: (ctx) => ctx.db.prisma,
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
    // A province's villages fit in one page; beyond that clients page with cursors.
    maxConnectionSize: 1000,
    defaultConnectionSize: 50,
    // A resolver that forgets to spread `query` loads relations one by one: fail loudly outside production.
    onUnusedQuery: env.NODE_ENV === 'production' ? null : 'error',
  },
  // Each field's cost (src/limits.ts); the yoga plugins refuse a costly document before it runs, so
  // the plugin's own check inside the root resolvers is off.
  complexity: { fieldComplexity: fieldCost, disabled: true },
  errors: {
    defaultTypes: [],
    // `unit(code)` returns `Unit | NotFoundError`, not a wrapper object around the unit.
    directResult: true,
  },
});

// Default deny: every root field needs a signed-in caller unless it opts out (login, certificate check).
builder.queryType({ authScopes: { authenticated: true } });
builder.mutationType({ authScopes: { authenticated: true } });
builder.subscriptionType({ authScopes: { authenticated: true } });
