import {
  DateTimeResolver,
  EmailAddressResolver,
  LatitudeResolver,
  LongitudeResolver,
  NonNegativeIntResolver,
  PositiveIntResolver,
  JSONObjectResolver,
} from 'graphql-scalars';
import type { GraphQLScalarType } from 'graphql';

const all = {
  DateTime: DateTimeResolver,
  EmailAddress: EmailAddressResolver,
  Latitude: LatitudeResolver,
  Longitude: LongitudeResolver,
  NonNegativeInt: NonNegativeIntResolver,
  PositiveInt: PositiveIntResolver,
  JSONObject: JSONObjectResolver,
} satisfies Record<string, GraphQLScalarType>;

/** Name of a graphql-scalars scalar a subgraph may declare in its SDL. */
export type ScalarName = keyof typeof all;

/** Resolvers for the graphql-scalars types a subgraph's SDL declares (a schema rejects resolvers for undeclared types). */
export function scalarResolvers(...names: ScalarName[]): Partial<Record<ScalarName, GraphQLScalarType>> {
  return Object.fromEntries(names.map((name) => [name, all[name]]));
}
