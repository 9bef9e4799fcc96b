import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Hospital as HospitalModel } from '../modules/hospital/hospital.entity.ts';
import type { NeighborhoodReference as NeighborhoodReferenceModel } from '../modules/neighborhood/neighborhood-reference.ts';
import type { HospitalsContext } from '../context.ts';
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
  /** 관리번호: the licence's permanent number, stable across the publisher's daily refreshes. */
  id: Scalars['ID']['output'];
  /** 인허가일자: the day the licence was granted, as YYYY-MM-DD (a calendar day in Korea, no time zone). */
  licensedAt?: Maybe<Scalars['String']['output']>;
  /** Where the hospital is, converted from the register's EPSG:5174 metres; null when the licence has no usable coordinates. */
  location?: Maybe<GeoPoint>;
  /** 사업장명: the trading name. */
  name: Scalars['String']['output'];
  /**
   * Whether the hospital probably runs 24 hours. DERIVED FROM THE NAME ONLY: no public dataset states opening hours,
   * so this is true when 사업장명 contains "24" as a number of its own ("24시 동물병원", "강남24동물메디컬센터", "24h"),
   * and false otherwise ("2424동물병원", "二十四"). A weak signal: call before going.
   */
  open24Hours: Scalars['Boolean']['output'];
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

/** A hospital found by `hospitalsNear`, with how far it is. */
export type NearbyHospital = {
  __typename?: 'NearbyHospital';
  /** Distance from the searched point in metres, on the WGS84 ellipsoid. */
  distanceMeters: Scalars['Float']['output'];
  hospital: Hospital;
};

/** A 행정동 (administrative neighbourhood), the unit of 동네인증. */
export type Neighborhood = {
  __typename?: 'Neighborhood';
  /** GeoJSON MultiPolygon (WGS84) as a JSON string; resolved by the neighborhoods service. */
  boundary: Scalars['String']['output'];
  /** adm_cd2, the 10-digit 행정동 code, e.g. "1168064000". */
  code: Scalars['ID']['output'];
  /**
   * Hospitals whose location lies inside this neighbourhood's boundary: those whose name suggests 24-hour service first,
   * then by name. Open licences only unless `includeClosed`. Error: BAD_USER_INPUT naming `first` when not 1..100.
   */
  hospitals: Array<Hospital>;
};


/** A 행정동 (administrative neighbourhood), the unit of 동네인증. */
export type NeighborhoodHospitalsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  includeClosed?: InputMaybe<Scalars['Boolean']['input']>;
  open24HoursOnly?: InputMaybe<Scalars['Boolean']['input']>;
};

export type Query = {
  __typename?: 'Query';
  /** One animal hospital licence by its 관리번호, whatever its status; null when no licence has that number. */
  hospital?: Maybe<Hospital>;
  /**
   * Animal hospitals within `radiusMeters` of a point in South Korea, nearest first, at most `first` of them.
   * Licences without coordinates (about 12%) never appear here.
   * Errors: BAD_USER_INPUT naming `latitude`/`longitude` (outside South Korea), `radiusMeters` (not 1..50000) or `first` (not 1..100).
   */
  hospitalsNear: Array<NearbyHospital>;
};


export type QueryHospitalArgs = {
  id: Scalars['ID']['input'];
};


export type QueryHospitalsNearArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  includeClosed?: InputMaybe<Scalars['Boolean']['input']>;
  latitude: Scalars['Latitude']['input'];
  longitude: Scalars['Longitude']['input'];
  open24HoursOnly?: InputMaybe<Scalars['Boolean']['input']>;
  radiusMeters?: InputMaybe<Scalars['Int']['input']>;
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
    & GraphQLRecursivePick<FederationTypes['Neighborhood'], {"code":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['Neighborhood'], {"boundary":true}> ) );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  GeoPoint: ResolverTypeWrapper<GeoPoint>;
  Hospital: ResolverTypeWrapper<HospitalModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  HospitalStatus: HospitalStatus;
  Latitude: ResolverTypeWrapper<Scalars['Latitude']['output']>;
  Longitude: ResolverTypeWrapper<Scalars['Longitude']['output']>;
  NearbyHospital: ResolverTypeWrapper<Omit<NearbyHospital, 'hospital'> & { hospital: ResolversTypes['Hospital'] }>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  Neighborhood: ResolverTypeWrapper<NeighborhoodReferenceModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  DateTime: Scalars['DateTime']['output'];
  GeoPoint: GeoPoint;
  Hospital: HospitalModel;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  Boolean: Scalars['Boolean']['output'];
  Latitude: Scalars['Latitude']['output'];
  Longitude: Scalars['Longitude']['output'];
  NearbyHospital: Omit<NearbyHospital, 'hospital'> & { hospital: ResolversParentTypes['Hospital'] };
  Float: Scalars['Float']['output'];
  Neighborhood: NeighborhoodReferenceModel;
  Int: Scalars['Int']['output'];
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
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  licensedAt?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  location?: Resolver<Maybe<ResolversTypes['GeoPoint']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  open24Hours?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  phone?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  roadAddress?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sourceUpdatedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['HospitalStatus'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export interface LatitudeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Latitude'], any> {
  name: 'Latitude';
}

export interface LongitudeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Longitude'], any> {
  name: 'Longitude';
}

export type NearbyHospitalResolvers<ContextType = HospitalsContext, ParentType extends ResolversParentTypes['NearbyHospital'] = ResolversParentTypes['NearbyHospital']> = {
  distanceMeters?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  hospital?: Resolver<ResolversTypes['Hospital'], ParentType, ContextType>;
};

export type NeighborhoodResolvers<ContextType = HospitalsContext, ParentType extends ResolversParentTypes['Neighborhood'] = ResolversParentTypes['Neighborhood'], FederationReferenceType extends FederationReferenceTypes['Neighborhood'] = FederationReferenceTypes['Neighborhood']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Neighborhood']> | FederationReferenceType, FederationReferenceType, ContextType>;
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  hospitals?: Resolver<Array<ResolversTypes['Hospital']>, ParentType, ContextType, RequireFields<NeighborhoodHospitalsArgs, 'first' | 'includeClosed' | 'open24HoursOnly'>>;
};

export type QueryResolvers<ContextType = HospitalsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  hospital?: Resolver<Maybe<ResolversTypes['Hospital']>, ParentType, ContextType, RequireFields<QueryHospitalArgs, 'id'>>;
  hospitalsNear?: Resolver<Array<ResolversTypes['NearbyHospital']>, ParentType, ContextType, RequireFields<QueryHospitalsNearArgs, 'first' | 'includeClosed' | 'latitude' | 'longitude' | 'open24HoursOnly' | 'radiusMeters'>>;
};

export type Resolvers<ContextType = HospitalsContext> = {
  DateTime?: GraphQLScalarType;
  GeoPoint?: GeoPointResolvers<ContextType>;
  Hospital?: HospitalResolvers<ContextType>;
  Latitude?: GraphQLScalarType;
  Longitude?: GraphQLScalarType;
  NearbyHospital?: NearbyHospitalResolvers<ContextType>;
  Neighborhood?: NeighborhoodResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
};

