import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { NeighborhoodRecord as NeighborhoodRecordModel } from '../modules/neighborhood/neighborhood-record.ts';
import type { NeighborhoodPage as NeighborhoodPageModel } from '../modules/neighborhood/neighborhood.repository.ts';
import type { NeighborhoodVerificationRecord as NeighborhoodVerificationRecordModel } from '../modules/neighborhood-verification/neighborhood-verification-record.ts';
import type { UserReference as UserReferenceModel } from '../modules/user/user-reference.ts';
import type { NeighborhoodsContext } from '../context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An ISO-8601 instant, always in UTC. */
  DateTime: { input: Date; output: Date; }
  /** A WGS84 latitude in decimal degrees; values outside -90..90 are rejected before any resolver runs. */
  Latitude: { input: number; output: number; }
  /** A WGS84 longitude in decimal degrees; values outside -180..180 are rejected before any resolver runs. */
  Longitude: { input: number; output: number; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** A WGS84 position. */
export type GeoPoint = {
  __typename?: 'GeoPoint';
  /** Degrees north. */
  latitude: Scalars['Latitude']['output'];
  /** Degrees east. */
  longitude: Scalars['Longitude']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Gives up one of the signed-in user's 동네 (its reminders are cancelled); if it was the primary one, the other becomes
   * primary. Returns the 동네 the user still holds.
   * Errors: UNAUTHENTICATED; BAD_USER_INPUT naming `code` when it is not a 10-digit code; NOT_FOUND naming `code` when
   * the user holds no 동네인증 there.
   */
  removeNeighborhoodVerification: Array<NeighborhoodVerification>;
  /**
   * Makes one of the signed-in user's 동네 the primary one (what `me.neighborhood` and the home screen show).
   * Errors: UNAUTHENTICATED; BAD_USER_INPUT naming `code`; NOT_FOUND naming `code` when the user holds no 동네인증 there.
   */
  setPrimaryNeighborhood: NeighborhoodVerification;
  /**
   * 동네인증: proves with the phone's GPS fix that the signed-in user is in a 행정동, valid for 30 days (the service
   * default). A user holds up to two 동네 at once: verifying one of them again renews it; verifying a third is refused
   * until one is given up (`removeNeighborhoodVerification`). The first 동네 is the primary one (`me.neighborhood`).
   * A fix whose accuracy circle lies inside the 행정동 verifies; one whose circle reaches into another 행정동 verifies only
   * when its accuracy is at most the service's limit (default 100 m).
   * Errors: UNAUTHENTICATED without a signed-in user (or for an erased account); BAD_USER_INPUT naming `latitude` or
   * `longitude` outside South Korea, `latitude` when no supported 행정동 contains the point, `accuracyMeters` for an
   * unusable accuracy or a fix too coarse to tell the 행정동 apart (a message the app can show, and
   * `extensions.maxAccuracyMeters`); CONFLICT naming `latitude` when the user already holds two other 동네, with
   * `extensions.current` listing them ({code, isPrimary, expiresAt}).
   */
  verifyNeighborhood: NeighborhoodVerification;
};


export type MutationRemoveNeighborhoodVerificationArgs = {
  code: Scalars['ID']['input'];
};


export type MutationSetPrimaryNeighborhoodArgs = {
  code: Scalars['ID']['input'];
};


export type MutationVerifyNeighborhoodArgs = {
  accuracyMeters?: InputMaybe<Scalars['Float']['input']>;
  latitude: Scalars['Latitude']['input'];
  longitude: Scalars['Longitude']['input'];
  makePrimary?: InputMaybe<Scalars['Boolean']['input']>;
};

/** A 행정동 (administrative neighbourhood), the unit of 동네인증. */
export type Neighborhood = {
  __typename?: 'Neighborhood';
  /** The boundary as a GeoJSON MultiPolygon (WGS84, longitude first), serialised as a JSON string. */
  boundary: Scalars['String']['output'];
  /** A point guaranteed inside the boundary, for placing a label or centring a map. */
  center: GeoPoint;
  /** The 시·도 it belongs to, e.g. "서울특별시". */
  city: Scalars['String']['output'];
  /** adm_cd2, the 10-digit 행정동 code, e.g. "1168064000". */
  code: Scalars['ID']['output'];
  /** The 구 (or 시·군) it belongs to, e.g. "강남구". */
  district: Scalars['String']['output'];
  /** Full administrative name, e.g. "서울특별시 강남구 역삼1동". */
  fullName: Scalars['String']['output'];
  /** The 행정동's own name, e.g. "역삼1동". */
  name: Scalars['String']['output'];
  /** How many users hold an active 동네인증 here right now. */
  verifiedUserCount: Scalars['Int']['output'];
};

/** One page of 행정동. */
export type NeighborhoodConnection = {
  __typename?: 'NeighborhoodConnection';
  /** The 행정동 of this page, each with its cursor. */
  edges: Array<NeighborhoodEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** How many 행정동 match the filter across all pages. */
  totalCount: Scalars['Int']['output'];
};

/** A 행정동 within a page. */
export type NeighborhoodEdge = {
  __typename?: 'NeighborhoodEdge';
  /** Pass as `after` to continue after this 행정동. */
  cursor: Scalars['String']['output'];
  /** The 행정동. */
  node: Neighborhood;
};

/**
 * A user's 동네인증 in one 행정동: where they last proved by GPS to be, and until when that counts. Only the latest is
 * kept, never a history of where a user was: the service stores no GPS fix, and its change stream (for the alerts
 * service) forgets a superseded or given-up 동네인증 within about an hour and every trace of it within about a day.
 */
export type NeighborhoodVerification = {
  __typename?: 'NeighborhoodVerification';
  /** The accuracy radius (metres) of the GPS fix that proved it; null when the app sent none. */
  accuracyMeters?: Maybe<Scalars['Float']['output']>;
  /** When it lapses unless the user verifies again. */
  expiresAt: Scalars['DateTime']['output'];
  /** True until `expiresAt`; after that the app should ask the user to verify again. */
  isActive: Scalars['Boolean']['output'];
  /** Whether this is the user's primary 동네 (the home screen's). */
  isPrimary: Scalars['Boolean']['output'];
  /** The 행정동 the user proved to be in. */
  neighborhood: Neighborhood;
  /** ACTIVE, EXPIRING_SOON (within 3 days of `expiresAt`, when the reminder goes out) or EXPIRED. */
  status: VerificationStatus;
  /** When the user last proved it. */
  verifiedAt: Scalars['DateTime']['output'];
};

/** Forward pagination state of a list. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Opaque cursor of the last item on this page, to pass as `after`; null when the page is empty. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether asking again with `after: endCursor` returns more. */
  hasNextPage: Scalars['Boolean']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** Names of the 구 that have loaded 행정동, sorted in 가나다 order. */
  districts: Array<Scalars['String']['output']>;
  /**
   * One 행정동 by its 10-digit code (adm_cd2, e.g. "1168064000"), or null when no such 행정동 is loaded.
   * Error: BAD_USER_INPUT naming `code` when it is not 10 digits.
   */
  neighborhood?: Maybe<Neighborhood>;
  /**
   * The 행정동 that contains a GPS point, or null when none of the loaded boundaries does. Only Seoul's 425
   * 행정동 are loaded today, so a point elsewhere in Korea (e.g. in Busan) answers null.
   * Error: BAD_USER_INPUT naming `latitude` or `longitude` when the point is outside South Korea.
   */
  neighborhoodAt?: Maybe<Neighborhood>;
  /**
   * Browses the loaded 행정동 ordered by code, optionally within one 구.
   * Error: BAD_USER_INPUT naming `first`, `after` or `district` when one is unusable.
   */
  neighborhoods: NeighborhoodConnection;
};


export type QueryNeighborhoodArgs = {
  code: Scalars['ID']['input'];
};


export type QueryNeighborhoodAtArgs = {
  latitude: Scalars['Latitude']['input'];
  longitude: Scalars['Longitude']['input'];
};


export type QueryNeighborhoodsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  district?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type User = {
  __typename?: 'User';
  /** The user's id (UUID), owned by the users service. */
  id: Scalars['ID']['output'];
  /** The user's primary 동네, only while its 동네인증 is active; null if never verified or expired. */
  neighborhood?: Maybe<Neighborhood>;
  /** The 동네인증 of the user's primary 동네, even if it has expired (so the app can say "expired, verify again"); null if none. */
  neighborhoodVerification?: Maybe<NeighborhoodVerification>;
  /** Every 동네 the user holds (at most two), primary first, each with its status. */
  neighborhoods: Array<NeighborhoodVerification>;
};

/** Where a 동네인증 stands. */
export type VerificationStatus =
  /** Verified, and not lapsing within the reminder period. */
  | 'ACTIVE'
  /** Lapsed: the 동네 no longer counts as verified anywhere until the user verifies again. */
  | 'EXPIRED'
  /** Verified, but lapsing soon: the app should offer to verify again. */
  | 'EXPIRING_SOON';



export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = {
  Neighborhood: Neighborhood;
  User: User;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Neighborhood:
    ( { __typename: 'Neighborhood' }
    & GraphQLRecursivePick<FederationTypes['Neighborhood'], {"code":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  GeoPoint: ResolverTypeWrapper<GeoPoint>;
  Latitude: ResolverTypeWrapper<Scalars['Latitude']['output']>;
  Longitude: ResolverTypeWrapper<Scalars['Longitude']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Neighborhood: ResolverTypeWrapper<NeighborhoodRecordModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  NeighborhoodConnection: ResolverTypeWrapper<NeighborhoodPageModel>;
  NeighborhoodEdge: ResolverTypeWrapper<Omit<NeighborhoodEdge, 'node'> & { node: ResolversTypes['Neighborhood'] }>;
  NeighborhoodVerification: ResolverTypeWrapper<NeighborhoodVerificationRecordModel>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  User: ResolverTypeWrapper<UserReferenceModel>;
  VerificationStatus: VerificationStatus;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  DateTime: Scalars['DateTime']['output'];
  GeoPoint: GeoPoint;
  Latitude: Scalars['Latitude']['output'];
  Longitude: Scalars['Longitude']['output'];
  Mutation: Record<PropertyKey, never>;
  ID: Scalars['ID']['output'];
  Float: Scalars['Float']['output'];
  Boolean: Scalars['Boolean']['output'];
  Neighborhood: NeighborhoodRecordModel;
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
  NeighborhoodConnection: NeighborhoodPageModel;
  NeighborhoodEdge: Omit<NeighborhoodEdge, 'node'> & { node: ResolversParentTypes['Neighborhood'] };
  NeighborhoodVerification: NeighborhoodVerificationRecordModel;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  User: UserReferenceModel;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type GeoPointResolvers<ContextType = NeighborhoodsContext, ParentType extends ResolversParentTypes['GeoPoint'] = ResolversParentTypes['GeoPoint']> = {
  latitude?: Resolver<ResolversTypes['Latitude'], ParentType, ContextType>;
  longitude?: Resolver<ResolversTypes['Longitude'], ParentType, ContextType>;
};

export interface LatitudeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Latitude'], any> {
  name: 'Latitude';
}

export interface LongitudeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Longitude'], any> {
  name: 'Longitude';
}

export type MutationResolvers<ContextType = NeighborhoodsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  removeNeighborhoodVerification?: Resolver<Array<ResolversTypes['NeighborhoodVerification']>, ParentType, ContextType, RequireFields<MutationRemoveNeighborhoodVerificationArgs, 'code'>>;
  setPrimaryNeighborhood?: Resolver<ResolversTypes['NeighborhoodVerification'], ParentType, ContextType, RequireFields<MutationSetPrimaryNeighborhoodArgs, 'code'>>;
  verifyNeighborhood?: Resolver<ResolversTypes['NeighborhoodVerification'], ParentType, ContextType, RequireFields<MutationVerifyNeighborhoodArgs, 'latitude' | 'longitude' | 'makePrimary'>>;
};

export type NeighborhoodResolvers<ContextType = NeighborhoodsContext, ParentType extends ResolversParentTypes['Neighborhood'] = ResolversParentTypes['Neighborhood'], FederationReferenceType extends FederationReferenceTypes['Neighborhood'] = FederationReferenceTypes['Neighborhood']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Neighborhood']> | FederationReferenceType, FederationReferenceType, ContextType>;
  boundary?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  center?: Resolver<ResolversTypes['GeoPoint'], ParentType, ContextType>;
  city?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  district?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  fullName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  verifiedUserCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type NeighborhoodConnectionResolvers<ContextType = NeighborhoodsContext, ParentType extends ResolversParentTypes['NeighborhoodConnection'] = ResolversParentTypes['NeighborhoodConnection']> = {
  edges?: Resolver<Array<ResolversTypes['NeighborhoodEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type NeighborhoodEdgeResolvers<ContextType = NeighborhoodsContext, ParentType extends ResolversParentTypes['NeighborhoodEdge'] = ResolversParentTypes['NeighborhoodEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Neighborhood'], ParentType, ContextType>;
};

export type NeighborhoodVerificationResolvers<ContextType = NeighborhoodsContext, ParentType extends ResolversParentTypes['NeighborhoodVerification'] = ResolversParentTypes['NeighborhoodVerification']> = {
  accuracyMeters?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  expiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  isActive?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  isPrimary?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  neighborhood?: Resolver<ResolversTypes['Neighborhood'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['VerificationStatus'], ParentType, ContextType>;
  verifiedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = NeighborhoodsContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = NeighborhoodsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  districts?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  neighborhood?: Resolver<Maybe<ResolversTypes['Neighborhood']>, ParentType, ContextType, RequireFields<QueryNeighborhoodArgs, 'code'>>;
  neighborhoodAt?: Resolver<Maybe<ResolversTypes['Neighborhood']>, ParentType, ContextType, RequireFields<QueryNeighborhoodAtArgs, 'latitude' | 'longitude'>>;
  neighborhoods?: Resolver<ResolversTypes['NeighborhoodConnection'], ParentType, ContextType, RequireFields<QueryNeighborhoodsArgs, 'first'>>;
};

export type UserResolvers<ContextType = NeighborhoodsContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  neighborhood?: Resolver<Maybe<ResolversTypes['Neighborhood']>, ParentType, ContextType>;
  neighborhoodVerification?: Resolver<Maybe<ResolversTypes['NeighborhoodVerification']>, ParentType, ContextType>;
  neighborhoods?: Resolver<Array<ResolversTypes['NeighborhoodVerification']>, ParentType, ContextType>;
};

export type Resolvers<ContextType = NeighborhoodsContext> = {
  DateTime?: GraphQLScalarType;
  GeoPoint?: GeoPointResolvers<ContextType>;
  Latitude?: GraphQLScalarType;
  Longitude?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  Neighborhood?: NeighborhoodResolvers<ContextType>;
  NeighborhoodConnection?: NeighborhoodConnectionResolvers<ContextType>;
  NeighborhoodEdge?: NeighborhoodEdgeResolvers<ContextType>;
  NeighborhoodVerification?: NeighborhoodVerificationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
};

