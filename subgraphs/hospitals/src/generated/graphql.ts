import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { HospitalRecord as HospitalRecordModel } from '../modules/hospital/hospital-record.ts';
import type { HospitalAtDistance as HospitalAtDistanceModel } from '../modules/hospital/hospital.repository.ts';
import type { HospitalSearchPage as HospitalSearchPageModel, HospitalSearchHit as HospitalSearchHitModel } from '../modules/search/hospital-search.repository.ts';
import type { NeighborhoodReference as NeighborhoodReferenceModel } from '../modules/neighborhood/neighborhood-reference.ts';
import type { HospitalsContext } from '../context.ts';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
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
  latitude: Scalars['Latitude']['output'];
  longitude: Scalars['Longitude']['output'];
};

/** An animal hospital (동물병원) licence from the 행정안전부 LOCALDATA register. */
export type Hospital = {
  __typename?: 'Hospital';
  /** 소재지전체주소: the 지번 (lot-number) address. */
  address?: Maybe<Scalars['String']['output']>;
  /** 폐업일자: the day the hospital closed for good, as YYYY-MM-DD; null unless CLOSED. */
  closedAt?: Maybe<Scalars['String']['output']>;
  /**
   * When the newest full export of the register stopped listing this licence (the register drops some licences
   * without closing them); null while it is listed. Such licences leave default searches, their history stays.
   */
  delistedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The 시·군·구 of the address, e.g. "강남구" ("수원시 장안구" where a 시 has 구); null without an address. */
  district?: Maybe<Scalars['String']['output']>;
  /** 관리번호: the licence's permanent number, stable across the publisher's daily refreshes. */
  id: Scalars['ID']['output'];
  /** 인허가일자: the day the licence was granted, as YYYY-MM-DD (a calendar day in Korea, no time zone). */
  licensedAt?: Maybe<Scalars['String']['output']>;
  /** Where the hospital is, converted from the register's EPSG:5174 metres; null when the licence has no usable coordinates. */
  location?: Maybe<GeoPoint>;
  /** 사업장명: the trading name. */
  name: Scalars['String']['output'];
  /** The 행정동 whose boundary contains the hospital; null outside the loaded boundaries (only Seoul's today) or without a location. */
  neighborhood?: Maybe<Neighborhood>;
  /**
   * Whether the hospital runs 24 hours. Unless an operator has checked (`open24HoursSource: OPERATOR`), this is DERIVED
   * FROM THE NAME ONLY: true when 사업장명 contains "24" as a number of its own ("24시 동물병원", "강남24동물메디컬센터",
   * "24h"), false otherwise ("2424동물병원", "二十四"). A weak signal: call before going.
   */
  open24Hours: Scalars['Boolean']['output'];
  /** True when an operator has confirmed or corrected `open24Hours`. */
  open24HoursConfirmed: Scalars['Boolean']['output'];
  /** When an operator last checked `open24Hours`; null unless confirmed. */
  open24HoursConfirmedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The operator's note on how `open24Hours` was checked; null unless confirmed. */
  open24HoursNote?: Maybe<Scalars['String']['output']>;
  /** Where `open24Hours` comes from. */
  open24HoursSource: Open24HoursSource;
  /** 소재지전화 as registered, sometimes without its area code; null when none is on file. */
  phone?: Maybe<Scalars['String']['output']>;
  /** 도로명전체주소: the road-name address. */
  roadAddress?: Maybe<Scalars['String']['output']>;
  /** 최종수정시점: when the licensing office last changed this record; null when the register does not say. */
  sourceUpdatedAt?: Maybe<Scalars['DateTime']['output']>;
  status: HospitalStatus;
  /** When this service's copy of the record last changed (an import that brought new data). */
  updatedAt: Scalars['DateTime']['output'];
};

/** One page of `searchHospitals`. */
export type HospitalSearchConnection = {
  __typename?: 'HospitalSearchConnection';
  /** The hospitals of this page, best match first. */
  edges: Array<HospitalSearchEdge>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
};

/** A hospital within a page of search results. */
export type HospitalSearchEdge = {
  __typename?: 'HospitalSearchEdge';
  /** Pass as `after` to continue after this hospital. */
  cursor: Scalars['String']['output'];
  /** Distance from `near` in metres; null when the search had no point. */
  distanceMeters?: Maybe<Scalars['Float']['output']>;
  node: Hospital;
};

/** Where a licence stands (LOCALDATA 영업상태구분코드). */
export type HospitalStatus =
  /** 03 폐업: closed for good. */
  | 'CLOSED'
  /** 01 영업/정상: trading. */
  | 'OPEN'
  /** 04 취소/말소/만료/정지/중지: licence cancelled, struck off, expired or stopped. */
  | 'REVOKED'
  /** 02 휴업: temporarily closed by notice. */
  | 'SUSPENDED';

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Records an operator's finding on whether a hospital runs 24 hours (for example after phoning it), with a note
   * saying how it was checked. It overrides the name signal and survives every later import; confirming a hospital
   * as 24-hour tells its neighbours (HOSPITAL_CONFIRMED_24H). Only accounts with the OPERATOR role may call it.
   * Errors: UNAUTHENTICATED without a signed-in user; FORBIDDEN for a user without the OPERATOR role; NOT_FOUND for an
   * unknown licence; BAD_USER_INPUT naming `note` (empty, longer than 500 characters, or holding a NUL character).
   */
  confirmHospital24Hours: Hospital;
};


export type MutationConfirmHospital24HoursArgs = {
  id: Scalars['ID']['input'];
  note: Scalars['String']['input'];
  open24Hours: Scalars['Boolean']['input'];
};

/** A point and a radius around it. */
export type NearPointInput = {
  latitude: Scalars['Latitude']['input'];
  longitude: Scalars['Longitude']['input'];
  /** Radius in metres, 1..50000. */
  radiusMeters?: InputMaybe<Scalars['Int']['input']>;
};

/** A hospital found by `hospitalsNear`, with how far it is. */
export type NearbyHospital = {
  __typename?: 'NearbyHospital';
  /** Pass as `after` to continue after this hospital. */
  cursor: Scalars['String']['output'];
  /** Distance from the searched point in metres, on the WGS84 ellipsoid. */
  distanceMeters: Scalars['Float']['output'];
  hospital: Hospital;
};

/** A 행정동 (administrative neighbourhood), the unit of 동네인증. */
export type Neighborhood = {
  __typename?: 'Neighborhood';
  /** adm_cd2, the 10-digit 행정동 code, e.g. "1168064000". */
  code: Scalars['ID']['output'];
  /**
   * Hospitals inside this neighbourhood's boundary (this service keeps a copy of the boundaries): those held to run
   * 24 hours first, then by name. Open listed licences only unless `includeClosed`.
   * Error: BAD_USER_INPUT naming `first` when not 1..100.
   */
  hospitals: Array<Hospital>;
};


/** A 행정동 (administrative neighbourhood), the unit of 동네인증. */
export type NeighborhoodHospitalsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  includeClosed?: InputMaybe<Scalars['Boolean']['input']>;
  open24HoursOnly?: InputMaybe<Scalars['Boolean']['input']>;
};

/** Where a hospital's 24-hour status comes from. */
export type Open24HoursSource =
  /** Guessed from the name only (no public dataset states opening hours): a weak signal. */
  | 'NAME'
  /** Confirmed or corrected by an operator of this app, with a note (see Hospital.open24HoursNote). */
  | 'OPERATOR';

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
  /** One animal hospital licence by its 관리번호, whatever its status or listing; null when no licence has that number. */
  hospital?: Maybe<Hospital>;
  /**
   * Animal hospitals within `radiusMeters` of a point in South Korea, nearest first (then by id), `first` at a time.
   * Licences without coordinates (about 12%) never appear here, nor licences the register no longer lists unless `includeClosed`.
   * Pass the last item's `cursor` as `after` for the next page; a page shorter than `first` is the last.
   * Errors: BAD_USER_INPUT naming `latitude`/`longitude` (outside South Korea), `radiusMeters` (not 1..50000), `first` (not 1..100) or `after` (not a cursor of this list).
   */
  hospitalsNear: Array<NearbyHospital>;
  /**
   * Hospitals by name, best match first. Each word of `query` must occur in the name or in the area of the address
   * (시·도, 구, 동): "강남 24" finds the 24-hour hospitals of 강남구; "동물메디컬" every "…동물메디컬센터". A word of three or more
   * syllables also matches a name with one syllable of it wrong, missing or extra ("동물메디칼"), ranked below exact
   * matches; a one-syllable word matches names starting with it. Ranking: name matches over area matches, then nearest
   * to `near` when given, then shorter names.
   * Errors: BAD_USER_INPUT naming `query` (empty, longer than 100 characters, more than 8 words, or holding a NUL character),
   * `district`, `near.*`, `first` or `after`.
   */
  searchHospitals: HospitalSearchConnection;
};


export type QueryHospitalArgs = {
  id: Scalars['ID']['input'];
};


export type QueryHospitalsNearArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeClosed?: InputMaybe<Scalars['Boolean']['input']>;
  latitude: Scalars['Latitude']['input'];
  longitude: Scalars['Longitude']['input'];
  open24HoursOnly?: InputMaybe<Scalars['Boolean']['input']>;
  radiusMeters?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySearchHospitalsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  district?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  includeClosed?: InputMaybe<Scalars['Boolean']['input']>;
  near?: InputMaybe<NearPointInput>;
  query: Scalars['String']['input'];
};



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
  Hospital: Hospital;
  Neighborhood: Neighborhood;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Hospital:
    ( { __typename: 'Hospital' }
    & GraphQLRecursivePick<FederationTypes['Hospital'], {"id":true}> );
  Neighborhood:
    ( { __typename: 'Neighborhood' }
    & GraphQLRecursivePick<FederationTypes['Neighborhood'], {"code":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  GeoPoint: ResolverTypeWrapper<GeoPoint>;
  Hospital: ResolverTypeWrapper<HospitalRecordModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  HospitalSearchConnection: ResolverTypeWrapper<HospitalSearchPageModel>;
  HospitalSearchEdge: ResolverTypeWrapper<HospitalSearchHitModel>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  HospitalStatus: HospitalStatus;
  Latitude: ResolverTypeWrapper<Scalars['Latitude']['output']>;
  Longitude: ResolverTypeWrapper<Scalars['Longitude']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  NearPointInput: NearPointInput;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  NearbyHospital: ResolverTypeWrapper<HospitalAtDistanceModel>;
  Neighborhood: ResolverTypeWrapper<NeighborhoodReferenceModel>;
  Open24HoursSource: Open24HoursSource;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  DateTime: Scalars['DateTime']['output'];
  GeoPoint: GeoPoint;
  Hospital: HospitalRecordModel;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  Boolean: Scalars['Boolean']['output'];
  HospitalSearchConnection: HospitalSearchPageModel;
  HospitalSearchEdge: HospitalSearchHitModel;
  Float: Scalars['Float']['output'];
  Latitude: Scalars['Latitude']['output'];
  Longitude: Scalars['Longitude']['output'];
  Mutation: Record<PropertyKey, never>;
  NearPointInput: NearPointInput;
  Int: Scalars['Int']['output'];
  NearbyHospital: HospitalAtDistanceModel;
  Neighborhood: NeighborhoodReferenceModel;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type GeoPointResolvers<ContextType = HospitalsContext, ParentType extends ResolversParentTypes['GeoPoint'] = ResolversParentTypes['GeoPoint']> = {
  latitude?: Resolver<ResolversTypes['Latitude'], ParentType, ContextType>;
  longitude?: Resolver<ResolversTypes['Longitude'], ParentType, ContextType>;
};

export type HospitalResolvers<ContextType = HospitalsContext, ParentType extends ResolversParentTypes['Hospital'] = ResolversParentTypes['Hospital'], FederationReferenceType extends FederationReferenceTypes['Hospital'] = FederationReferenceTypes['Hospital']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Hospital']> | FederationReferenceType, FederationReferenceType, ContextType>;
  address?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  closedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  delistedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  district?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  licensedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['GeoPoint']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  neighborhood?: Resolver<Maybe<ResolversTypes['Neighborhood']>, ParentType, ContextType>;
  open24Hours?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  open24HoursConfirmed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  open24HoursConfirmedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  open24HoursNote?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  open24HoursSource?: Resolver<ResolversTypes['Open24HoursSource'], ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  roadAddress?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sourceUpdatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['HospitalStatus'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type HospitalSearchConnectionResolvers<ContextType = HospitalsContext, ParentType extends ResolversParentTypes['HospitalSearchConnection'] = ResolversParentTypes['HospitalSearchConnection']> = {
  edges?: Resolver<Array<ResolversTypes['HospitalSearchEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type HospitalSearchEdgeResolvers<ContextType = HospitalsContext, ParentType extends ResolversParentTypes['HospitalSearchEdge'] = ResolversParentTypes['HospitalSearchEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  distanceMeters?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Hospital'], ParentType, ContextType>;
};

export interface LatitudeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Latitude'], any> {
  name: 'Latitude';
}

export interface LongitudeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Longitude'], any> {
  name: 'Longitude';
}

export type MutationResolvers<ContextType = HospitalsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  confirmHospital24Hours?: Resolver<ResolversTypes['Hospital'], ParentType, ContextType, RequireFields<MutationConfirmHospital24HoursArgs, 'id' | 'note' | 'open24Hours'>>;
};

export type NearbyHospitalResolvers<ContextType = HospitalsContext, ParentType extends ResolversParentTypes['NearbyHospital'] = ResolversParentTypes['NearbyHospital']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  distanceMeters?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  hospital?: Resolver<ResolversTypes['Hospital'], ParentType, ContextType>;
};

export type NeighborhoodResolvers<ContextType = HospitalsContext, ParentType extends ResolversParentTypes['Neighborhood'] = ResolversParentTypes['Neighborhood'], FederationReferenceType extends FederationReferenceTypes['Neighborhood'] = FederationReferenceTypes['Neighborhood']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Neighborhood']> | FederationReferenceType, FederationReferenceType, ContextType>;
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  hospitals?: Resolver<Array<ResolversTypes['Hospital']>, ParentType, ContextType, RequireFields<NeighborhoodHospitalsArgs, 'first' | 'includeClosed' | 'open24HoursOnly'>>;
};

export type PageInfoResolvers<ContextType = HospitalsContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = HospitalsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  hospital?: Resolver<Maybe<ResolversTypes['Hospital']>, ParentType, ContextType, RequireFields<QueryHospitalArgs, 'id'>>;
  hospitalsNear?: Resolver<Array<ResolversTypes['NearbyHospital']>, ParentType, ContextType, RequireFields<QueryHospitalsNearArgs, 'first' | 'includeClosed' | 'latitude' | 'longitude' | 'open24HoursOnly' | 'radiusMeters'>>;
  searchHospitals?: Resolver<ResolversTypes['HospitalSearchConnection'], ParentType, ContextType, RequireFields<QuerySearchHospitalsArgs, 'first' | 'includeClosed' | 'query'>>;
};

export type Resolvers<ContextType = HospitalsContext> = {
  DateTime?: GraphQLScalarType;
  GeoPoint?: GeoPointResolvers<ContextType>;
  Hospital?: HospitalResolvers<ContextType>;
  HospitalSearchConnection?: HospitalSearchConnectionResolvers<ContextType>;
  HospitalSearchEdge?: HospitalSearchEdgeResolvers<ContextType>;
  Latitude?: GraphQLScalarType;
  Longitude?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  NearbyHospital?: NearbyHospitalResolvers<ContextType>;
  Neighborhood?: NeighborhoodResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
};

