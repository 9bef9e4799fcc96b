import { parse, type DocumentNode } from 'graphql';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { accounts, inStock, products, reviews, type Review } from './data.ts';

/** One subgraph of the federation benchmark: its name (and URL path), SDL and resolvers. */
export interface BenchmarkSubgraph {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<unknown>;
}

const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires", "@provides", "@shareable"])';
const byUpc = new Map(products.map((p) => [p.upc, p]));
const byId = new Map(accounts.map((a) => [a.id, a]));
const reviewById = new Map(reviews.map((r) => [r.id, r]));
// Every author the reviews subgraph names is account 1 with its first two reviews, as in the published subgraph.
const authorReviews = reviews.slice(0, 2);
const reviewShape = (r: Review) => ({ id: r.id, body: r.body, product: { upc: r.productUpc } });

/**
 * The four subgraphs of the public benchmark in Federation 2 SDL, answering from its static data. The shapes
 * (keys, `@requires(fields: "price weight")`, `@provides(fields: "username")`) are the published ones.
 */
export const benchmarkSubgraphs: BenchmarkSubgraph[] = [
  {
    name: 'accounts',
    typeDefs: parse(`${link}
      type Query { me: User  user(id: ID!): User  users: [User] }
      type User @key(fields: "id") { id: ID!  name: String  username: String @shareable  birthday: Int }`),
    resolvers: {
      Query: { me: () => accounts[0], user: (_: unknown, { id }: { id: string }) => byId.get(id) ?? null, users: () => accounts },
      User: { __resolveReference: (ref: { id: string }) => byId.get(ref.id) ?? null },
    },
  },
  {
    name: 'inventory',
    typeDefs: parse(`${link}
      type Product @key(fields: "upc") {
        upc: String!  weight: Int @external  price: Int @external  inStock: Boolean
        shippingEstimate: Int @requires(fields: "price weight")
      }`),
    resolvers: {
      Product: {
        __resolveReference: (ref: { upc: string; price?: number; weight?: number }) => ({ ...ref, inStock: inStock[ref.upc] ?? null }),
        shippingEstimate: (p: { price?: number | null; weight?: number | null }) => {
          if (p.price == null) return null;
          if (p.price > 1000) return 0;
          return p.weight == null ? null : Math.trunc(p.weight / 2);
        },
      },
    },
  },
  {
    name: 'products',
    typeDefs: parse(`${link}
      type Query { topProducts(first: Int = 5): [Product] }
      type Product @key(fields: "upc") { upc: String!  name: String  price: Int  weight: Int }`),
    resolvers: {
      Query: { topProducts: (_: unknown, { first }: { first: number }) => products.slice(0, first) },
      Product: { __resolveReference: (ref: { upc: string }) => byUpc.get(ref.upc) ?? null },
    },
  },
  {
    name: 'reviews',
    typeDefs: parse(`${link}
      type Review @key(fields: "id") { id: ID!  body: String  product: Product  author: User @provides(fields: "username") }
      type User @key(fields: "id") { id: ID!  username: String @external  reviews: [Review] }
      type Product @key(fields: "upc") { upc: String!  reviews: [Review] }`),
    resolvers: {
      Review: {
        __resolveReference: (ref: { id: string }) => {
          const r = reviewById.get(ref.id);
          return r ? reviewShape(r) : null;
        },
        author: () => ({ id: '1', username: 'urigo', reviews: authorReviews.map(reviewShape) }),
      },
      User: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, username: 'user', reviews: authorReviews.map(reviewShape) }) },
      Product: { reviews: (p: { upc: string }) => reviews.filter((r) => r.productUpc === p.upc).map(reviewShape) },
    },
  },
];
