import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Alert as AlertModel } from '../modules/alert/alert.entity.ts';
import type { AlertConnection as AlertConnectionModel } from '../modules/alert/alert-connection.ts';
import type { DeliveryProgress as DeliveryProgressModel } from '../modules/push/delivery-progress.ts';
import type { UserReference as UserReferenceModel } from '../modules/user/user-reference.ts';
import type { AlertsContext } from '../context.ts';
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
  /** A JSON object (never an array or a bare value). */
  JSONObject: { input: Record<string, unknown>; output: Record<string, unknown>; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** A notification stored for one user: what the app lists in its alert inbox (and what a push said). */
export type Alert = {
  __typename?: 'Alert';
  /** The text under the headline. */
  body: Scalars['String']['output'];
  /** When the alert was created. */
  createdAt: Scalars['DateTime']['output'];
  /** Extra payload for the app, e.g. {neighborhoodCode} or {hospitalId} to open on tap; null when there is none. */
  data?: Maybe<Scalars['JSONObject']['output']>;
  /** The hospital the alert is about (its data.hospitalId), resolved by the hospitals service; null when it names none. */
  hospital?: Maybe<Hospital>;
  /** Stable id (UUID). */
  id: Scalars['ID']['output'];
  /** Whether the user has read it (readAt is set). */
  isRead: Scalars['Boolean']['output'];
  /** What the alert is about; the app picks its icon and where a tap leads from this. */
  kind: AlertKind;
  /** The 행정동 the alert is about (its data.neighborhoodCode), resolved by the neighborhoods service; null when it names none. */
  neighborhood?: Maybe<Neighborhood>;
  /** When the user first read it; null while unread. */
  readAt?: Maybe<Scalars['DateTime']['output']>;
  /** One-line headline, in Korean, as shown in the inbox and the push. */
  title: Scalars['String']['output'];
};

/** One page of alerts. */
export type AlertConnection = {
  __typename?: 'AlertConnection';
  /** The alerts on this page, newest first. */
  nodes: Array<Alert>;
  /** Where this page ends and whether more follow. */
  pageInfo: PageInfo;
  /** How many alerts the whole list holds (all pages, same `unreadOnly` filter). */
  totalCount: Scalars['Int']['output'];
};

/** Where an operator's alert stands: how many it reached, how many phones took the push. */
export type AlertDelivery = {
  __typename?: 'AlertDelivery';
  createdAt: Scalars['DateTime']['output'];
  /** Phones a push was attempted to. */
  devicesTargeted: Scalars['Int']['output'];
  /** Pushes that failed for good. */
  failed: Scalars['Int']['output'];
  finishedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The delivery's id, for `alertDelivery(id)`. */
  id: Scalars['ID']['output'];
  /** Pushes waiting for a retry or in flight. */
  pending: Scalars['Int']['output'];
  /** True when the alerts were stored but nothing was pushed (the service has no FCM credentials). */
  pushesOff: Scalars['Boolean']['output'];
  /** Pushes FCM accepted. */
  sent: Scalars['Int']['output'];
  startedAt?: Maybe<Scalars['DateTime']['output']>;
  /** PENDING until a worker takes it, RUNNING while it is delivered, DONE when every phone has answered or given up. */
  state: DeliveryState;
  /** Phones whose token FCM rejected: removed from the user's devices. */
  tokensRemoved: Scalars['Int']['output'];
  /** Pushes in flight when a worker died: maybe delivered, never sent twice. */
  unknown: Scalars['Int']['output'];
  /** Of those, users who muted this kind: stored, not pushed. */
  usersMuted: Scalars['Int']['output'];
  /** Users the alert was stored for so far. */
  usersTargeted: Scalars['Int']['output'];
};

/** What an alert is about. */
export type AlertKind =
  /** News from a hospital near the user (hours, closures, new services). */
  | 'HOSPITAL_UPDATE'
  /** A notice about the user's neighbourhood. */
  | 'NEIGHBORHOOD_NOTICE'
  /** A message from the service itself (welcome, maintenance, policy). */
  | 'SYSTEM'
  /** The user's 동네인증 has run out; they must verify again. */
  | 'VERIFICATION_EXPIRED'
  /** The user's 동네인증 (neighbourhood verification) runs out soon. */
  | 'VERIFICATION_EXPIRING';

/** Where a delivery stands. */
export type DeliveryState =
  | 'DONE'
  | 'PENDING'
  | 'RUNNING';

/** An animal hospital (동물병원) licence from the 행정안전부 LOCALDATA register. */
export type Hospital = {
  __typename?: 'Hospital';
  /** 관리번호: the licence's permanent number, stable across the publisher's daily refreshes. */
  id: Scalars['ID']['output'];
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Marks one of the signed-in user's alerts read and returns it. Marking it again keeps the first `readAt`.
   * Errors: UNAUTHENTICATED; BAD_USER_INPUT naming `id` when it is not a UUID; NOT_FOUND when the caller has no such alert.
   */
  markAlertRead: Alert;
  /** Marks every unread alert of the signed-in user read; returns how many changed. Error: UNAUTHENTICATED. */
  markAllAlertsRead: Scalars['Int']['output'];
  /**
   * Stops pushes of one kind of alert to the signed-in user's phones; alerts of that kind still reach the inbox.
   * Returns the kinds now muted. Idempotent. Error: UNAUTHENTICATED.
   */
  muteAlertKind: Array<AlertKind>;
  /**
   * Operators only: stores an alert for chosen users, or for everyone verified in a 행정동 right now, and pushes it to
   * their phones. Returns at once; the delivery runs in the background and `alertDelivery(id)` follows it.
   * Sending again with the same `idempotencyKey` returns the first delivery instead of sending twice.
   * Errors: UNAUTHENTICATED; FORBIDDEN without the operator role; BAD_USER_INPUT naming the input field.
   */
  sendAlert: AlertDelivery;
  /** Pushes a muted kind again; returns the kinds still muted. Idempotent. Error: UNAUTHENTICATED. */
  unmuteAlertKind: Array<AlertKind>;
};


export type MutationMarkAlertReadArgs = {
  id: Scalars['ID']['input'];
};


export type MutationMuteAlertKindArgs = {
  kind: AlertKind;
};


export type MutationSendAlertArgs = {
  input: SendAlertInput;
};


export type MutationUnmuteAlertKindArgs = {
  kind: AlertKind;
};

/** A 행정동 (administrative neighbourhood), the unit of 동네인증. */
export type Neighborhood = {
  __typename?: 'Neighborhood';
  /** adm_cd2, the 10-digit 행정동 code, e.g. "1168064000". */
  code: Scalars['ID']['output'];
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
  /**
   * One of the signed-in user's alerts, e.g. the one a tapped push notification names; null when the caller has no
   * alert with this id (someone else's alert looks exactly like a missing one).
   * Errors: UNAUTHENTICATED without a signed-in user; BAD_USER_INPUT naming `id` when it is not a UUID.
   */
  alert?: Maybe<Alert>;
  /** Operators only: how an alert sent with `sendAlert` is being delivered; null for an unknown id. Errors: UNAUTHENTICATED; FORBIDDEN; BAD_USER_INPUT naming `id`. */
  alertDelivery?: Maybe<AlertDelivery>;
  /**
   * The signed-in user's alerts, newest first; the same list as `me { alerts }`.
   * Errors: UNAUTHENTICATED without a signed-in user; BAD_USER_INPUT naming `first` or `after`.
   */
  alerts: AlertConnection;
  /**
   * The signed-in user's alerts created after one of theirs, OLDEST first: what was missed since the app last saw
   * that alert (a reconnecting `alertAdded(after:)` subscription reads its backlog here). Ordered by (createdAt, id),
   * the same order as `alerts` reversed; ask again with the last id while a full page comes back.
   * Errors: UNAUTHENTICATED; BAD_USER_INPUT naming `id` when it is not one of the caller's alerts, or `first` outside 1..100.
   */
  alertsAfter: Array<Alert>;
};


export type QueryAlertArgs = {
  id: Scalars['ID']['input'];
};


export type QueryAlertDeliveryArgs = {
  id: Scalars['ID']['input'];
};


export type QueryAlertsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  unreadOnly?: InputMaybe<Scalars['Boolean']['input']>;
};


export type QueryAlertsAfterArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
};

/** An alert an operator sends: to listed users, or to a 행정동. */
export type SendAlertInput = {
  /** The text under the headline, up to 1,000 characters. */
  body: Scalars['String']['input'];
  /** Extra payload the app receives on tap, e.g. {hospitalId}. */
  data?: InputMaybe<Scalars['JSONObject']['input']>;
  /** A key of your own (1 to 200 characters): sending again with it returns the first delivery, so a retry sends nothing twice. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** What the alert is about (NEIGHBORHOOD_NOTICE unless said otherwise). */
  kind?: InputMaybe<AlertKind>;
  /** Everyone whose 동네인증 in this 행정동 is active when the alert is sent; give this or `userIds`. */
  neighborhoodCode?: InputMaybe<Scalars['ID']['input']>;
  /** One-line headline, 1 to 100 characters. */
  title: Scalars['String']['input'];
  /** The users to send to (1 to 10,000 ids); give this or `neighborhoodCode`. */
  userIds?: InputMaybe<Array<Scalars['ID']['input']>>;
};

export type Subscription = {
  __typename?: 'Subscription';
  /**
   * The signed-in user's new alerts as they are stored, each delivered once per subscription; only ever the caller's
   * own. Served by the gateway over graphql-ws (`ws://<gateway>/graphql`, the bearer token in the connection_init
   * payload as `{"Authorization": "Bearer <token>"}`); every field of Alert can be selected, those of other services
   * (neighborhood, hospital) included.
   * `after` resumes: pass the id of the newest alert the app already holds and the alerts created after it come first,
   * oldest first, then the live ones, without duplicates. Without `after`, delivery starts after the newest alert the
   * caller has when subscribing.
   * Errors: UNAUTHENTICATED without a signed-in user; BAD_USER_INPUT naming `after` when it is not one of the caller's
   * alerts. The socket closes with 4401 when the access token expires (sign in again, then resume with `after`) and
   * with 1013 when the app falls too far behind or the live feed is interrupted (reconnect with `after`).
   */
  alertAdded: Alert;
};


export type SubscriptionAlertAddedArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
};

/** A user, as the alerts service adds to it; only the user themself may read these fields (FORBIDDEN otherwise). */
export type User = {
  __typename?: 'User';
  /**
   * This user's alerts, newest first.
   * Errors: UNAUTHENTICATED without a signed-in user; FORBIDDEN for anyone but the user; BAD_USER_INPUT naming `first` or `after`.
   */
  alerts: AlertConnection;
  /** The user's id (UUID), owned by the users service. */
  id: Scalars['ID']['output'];
  /** The kinds of alert this user does not want pushed (they still reach the inbox). Errors: UNAUTHENTICATED, FORBIDDEN. */
  mutedAlertKinds: Array<AlertKind>;
  /** How many of this user's alerts are unread (the badge on the app's bell). Errors: UNAUTHENTICATED, FORBIDDEN. */
  unreadAlertCount: Scalars['Int']['output'];
};


/** A user, as the alerts service adds to it; only the user themself may read these fields (FORBIDDEN otherwise). */
export type UserAlertsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  unreadOnly?: InputMaybe<Scalars['Boolean']['input']>;
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
  Alert: Alert;
  User: User;
};

/** Mapping of federation reference types */
export type FederationReferenceTypes = {
  Alert:
    ( { __typename: 'Alert' }
    & GraphQLRecursivePick<FederationTypes['Alert'], {"id":true}> );
  User:
    ( { __typename: 'User' }
    & GraphQLRecursivePick<FederationTypes['User'], {"id":true}> );
};



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Alert: ResolverTypeWrapper<AlertModel>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  AlertConnection: ResolverTypeWrapper<AlertConnectionModel>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  AlertDelivery: ResolverTypeWrapper<DeliveryProgressModel>;
  AlertKind: AlertKind;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeliveryState: DeliveryState;
  Hospital: ResolverTypeWrapper<Hospital>;
  JSONObject: ResolverTypeWrapper<Scalars['JSONObject']['output']>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Neighborhood: ResolverTypeWrapper<Neighborhood>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  SendAlertInput: SendAlertInput;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  User: ResolverTypeWrapper<UserReferenceModel>;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Alert: AlertModel;
  String: Scalars['String']['output'];
  ID: Scalars['ID']['output'];
  Boolean: Scalars['Boolean']['output'];
  AlertConnection: AlertConnectionModel;
  Int: Scalars['Int']['output'];
  AlertDelivery: DeliveryProgressModel;
  DateTime: Scalars['DateTime']['output'];
  Hospital: Hospital;
  JSONObject: Scalars['JSONObject']['output'];
  Mutation: Record<PropertyKey, never>;
  Neighborhood: Neighborhood;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  SendAlertInput: SendAlertInput;
  Subscription: Record<PropertyKey, never>;
  User: UserReferenceModel;
};

export type AlertResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['Alert'] = ResolversParentTypes['Alert'], FederationReferenceType extends FederationReferenceTypes['Alert'] = FederationReferenceTypes['Alert']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Alert']> | FederationReferenceType, FederationReferenceType, ContextType>;
  body?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  data?: Resolver<Maybe<ResolversTypes['JSONObject']>, ParentType, ContextType>;
  hospital?: Resolver<Maybe<ResolversTypes['Hospital']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isRead?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['AlertKind'], ParentType, ContextType>;
  neighborhood?: Resolver<Maybe<ResolversTypes['Neighborhood']>, ParentType, ContextType>;
  readAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type AlertConnectionResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['AlertConnection'] = ResolversParentTypes['AlertConnection']> = {
  nodes?: Resolver<Array<ResolversTypes['Alert']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AlertDeliveryResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['AlertDelivery'] = ResolversParentTypes['AlertDelivery']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  devicesTargeted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  failed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  pending?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  pushesOff?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  sent?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['DeliveryState'], ParentType, ContextType>;
  tokensRemoved?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  unknown?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  usersMuted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  usersTargeted?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type HospitalResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['Hospital'] = ResolversParentTypes['Hospital']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export interface JsonObjectScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSONObject'], any> {
  name: 'JSONObject';
}

export type MutationResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  markAlertRead?: Resolver<ResolversTypes['Alert'], ParentType, ContextType, RequireFields<MutationMarkAlertReadArgs, 'id'>>;
  markAllAlertsRead?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  muteAlertKind?: Resolver<Array<ResolversTypes['AlertKind']>, ParentType, ContextType, RequireFields<MutationMuteAlertKindArgs, 'kind'>>;
  sendAlert?: Resolver<ResolversTypes['AlertDelivery'], ParentType, ContextType, RequireFields<MutationSendAlertArgs, 'input'>>;
  unmuteAlertKind?: Resolver<Array<ResolversTypes['AlertKind']>, ParentType, ContextType, RequireFields<MutationUnmuteAlertKindArgs, 'kind'>>;
};

export type NeighborhoodResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['Neighborhood'] = ResolversParentTypes['Neighborhood']> = {
  code?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  alert?: Resolver<Maybe<ResolversTypes['Alert']>, ParentType, ContextType, RequireFields<QueryAlertArgs, 'id'>>;
  alertDelivery?: Resolver<Maybe<ResolversTypes['AlertDelivery']>, ParentType, ContextType, RequireFields<QueryAlertDeliveryArgs, 'id'>>;
  alerts?: Resolver<ResolversTypes['AlertConnection'], ParentType, ContextType, RequireFields<QueryAlertsArgs, 'first' | 'unreadOnly'>>;
  alertsAfter?: Resolver<Array<ResolversTypes['Alert']>, ParentType, ContextType, RequireFields<QueryAlertsAfterArgs, 'first' | 'id'>>;
};

export type SubscriptionResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  alertAdded?: SubscriptionResolver<ResolversTypes['Alert'], "alertAdded", ParentType, ContextType, Partial<SubscriptionAlertAddedArgs>>;
};

export type UserResolvers<ContextType = AlertsContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User'], FederationReferenceType extends FederationReferenceTypes['User'] = FederationReferenceTypes['User']> = {
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['User']> | FederationReferenceType, FederationReferenceType, ContextType>;
  alerts?: Resolver<ResolversTypes['AlertConnection'], ParentType, ContextType, RequireFields<UserAlertsArgs, 'first' | 'unreadOnly'>>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  mutedAlertKinds?: Resolver<Array<ResolversTypes['AlertKind']>, ParentType, ContextType>;
  unreadAlertCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type Resolvers<ContextType = AlertsContext> = {
  Alert?: AlertResolvers<ContextType>;
  AlertConnection?: AlertConnectionResolvers<ContextType>;
  AlertDelivery?: AlertDeliveryResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Hospital?: HospitalResolvers<ContextType>;
  JSONObject?: GraphQLScalarType;
  Mutation?: MutationResolvers<ContextType>;
  Neighborhood?: NeighborhoodResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
};

