import { EmailAddressResolver, LatitudeResolver, LongitudeResolver } from 'graphql-scalars';
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

/** The longest address SMTP can deliver to (RFC 5321: a 254-character path). */
const EMAIL_MAX = 254;

/**
 * graphql-scalars' EmailAddress, narrowed to addresses an app user can receive mail at: at most 254 characters
 * (checked first, so a long value costs nothing more) and a domain with a dot (`a@b` is valid RFC 5322 but no
 * mailbox of a user).
 */
export const StrictEmailAddress = new GraphQLScalarType({
  name: 'EmailAddress',
  description: EmailAddressResolver.description,
  serialize: (value) => EmailAddressResolver.serialize(value),
  parseValue: (value) => {
    if (typeof value === 'string' && value.length > EMAIL_MAX) throw new GraphQLError(`must be an e-mail address of at most ${EMAIL_MAX} characters`);
    return withDottedDomain(EmailAddressResolver.parseValue(value) as string);
  },
  parseLiteral: (ast, variables) => {
    if (ast.kind === Kind.STRING && ast.value.length > EMAIL_MAX) throw new GraphQLError(`must be an e-mail address of at most ${EMAIL_MAX} characters`);
    return withDottedDomain(EmailAddressResolver.parseLiteral(ast, variables) as string);
  },
});

function withDottedDomain(email: string): string {
  const domain = email.slice(email.lastIndexOf('@') + 1);
  if (!/^[^.]+(\.[^.]+)+$/.test(domain)) throw new GraphQLError(`must be an e-mail address whose domain has a dot, like example.com: ${email}`);
  return email;
}

/** A whole number written in the query text (`127`) is a coordinate as much as `127.0`: read it as a float. */
const asFloat = (ast: ValueNode): ValueNode => (ast.kind === Kind.INT ? { ...ast, kind: Kind.FLOAT } : ast);

/** graphql-scalars' Latitude, also taking whole numbers written in the query text. */
export const StrictLatitude = new GraphQLScalarType({
  ...LatitudeResolver.toConfig(),
  parseLiteral: (ast, variables) => LatitudeResolver.parseLiteral(asFloat(ast), variables),
});

/** graphql-scalars' Longitude, also taking whole numbers written in the query text. */
export const StrictLongitude = new GraphQLScalarType({
  ...LongitudeResolver.toConfig(),
  parseLiteral: (ast, variables) => LongitudeResolver.parseLiteral(asFloat(ast), variables),
});
