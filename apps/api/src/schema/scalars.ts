import { GraphQLError, Kind } from 'graphql';
import { isValidIsoDate } from '@antt/criteria';
import { builder } from '../builder.ts';

function toIsoDate(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' && isValidIsoDate(value)) return value;
  throw new GraphQLError(`Date must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
}

builder.scalarType('Date', {
  description: 'A calendar date, YYYY-MM-DD. No time zone: deadlines and periods are whole days.',
  serialize: (value) => toIsoDate(value),
  parseValue: (value) => toIsoDate(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a string YYYY-MM-DD');
    return toIsoDate(ast.value);
  },
});

builder.scalarType('DateTime', {
  description: 'An instant, ISO 8601.',
  serialize: (value) => (value instanceof Date ? value.toISOString() : String(value)),
  parseValue: (value) => {
    const date = new Date(String(value));
    if (Number.isNaN(date.getTime())) throw new GraphQLError('DateTime must be ISO 8601');
    return date;
  },
});

function literalToJson(ast: import('graphql').ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map(literalToJson);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((field) => [field.name.value, literalToJson(field.value)]));
    default:
      throw new GraphQLError('JSON literals cannot contain variables');
  }
}

builder.scalarType('JSON', {
  description: 'Arbitrary JSON: criteria-set definitions, unit attributes, criterion values.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast) => literalToJson(ast),
});
