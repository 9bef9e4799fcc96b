import {
  DateTimeResolver,
  NonNegativeIntResolver,
  PositiveIntResolver,
  JSONObjectResolver,
} from 'graphql-scalars';
import { Kind, type DocumentNode, type GraphQLScalarType } from 'graphql';
import { StrictEmailAddress, StrictLatitude, StrictLongitude } from './strict-scalars.ts';

const known: Record<string, GraphQLScalarType> = {
  DateTime: DateTimeResolver,
  EmailAddress: StrictEmailAddress,
  Latitude: StrictLatitude,
  Longitude: StrictLongitude,
  NonNegativeInt: NonNegativeIntResolver,
  PositiveInt: PositiveIntResolver,
  JSONObject: JSONObjectResolver,
};

/** The resolver of a custom scalar by name, as every subgraph (and the gateway's input check) parses it; undefined if none. */
export function scalarResolver(name: string): GraphQLScalarType | undefined {
  return known[name];
}

/**
 * The graphql-scalars resolvers for every custom scalar a subgraph's SDL declares, so a service never
 * registers them by hand. A scalar the kit has no resolver for fails the build naming it: left alone it
 * would silently accept anything, like a String.
 */
export function scalarResolversFor(typeDefs: DocumentNode): Record<string, GraphQLScalarType> {
  const resolvers: Record<string, GraphQLScalarType> = {};
  for (const definition of typeDefs.definitions) {
    if (definition.kind !== Kind.SCALAR_TYPE_DEFINITION) continue;
    const name = definition.name.value;
    const resolver = known[name];
    if (!resolver) throw new Error(`scalar ${name} has no resolver in service-kit (known: ${Object.keys(known).join(', ')})`);
    resolvers[name] = resolver;
  }
  return resolvers;
}
