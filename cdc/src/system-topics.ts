/**
 * Every Kafka topic the services exchange, named once for the whole system (cdc/README.md's topic table
 * says who produces each, who consumes it and its key). Debezium names change topics
 * `<topic.prefix>.<schema>.<table>` from the connector configs in cdc/connectors.
 * `namespace` (CDC_TOPIC_NAMESPACE, empty in a deployment) prefixes every topic and consumer group, so
 * tests can run beside a developer's stack on the same broker without reading each other's messages.
 */
export function systemTopics(namespace = '') {
  return {
    /** users' accounts (key `{id}`); a delete means the account is gone and every copy of it must go. */
    users: `${namespace}users.public.app_user`,
    /** users' devices (key `{id}`): FCM tokens and the user they belong to. */
    devices: `${namespace}users.public.device`,
    /** neighborhoods' 동네인증 rows (key `{user_id, neighborhood_code}`: a user holds up to two). */
    verifications: `${namespace}neighborhoods.public.neighborhood_verification`,
    /**
     * alerts' outbox (`aggregatetype` device-token, key = device id): DEVICE_TOKEN_REJECTED when FCM says a
     * token is dead; the users service removes the device. Debezium's EventRouter names it.
     */
    deviceTokenEvents: `${namespace}outbox.event.device-token`,
    /** neighborhoods' 행정동 (key `{code}`): names, 구, centre and the boundary as PostGIS WKB. */
    neighborhoods: `${namespace}neighborhoods.public.neighborhood`,
    /**
     * alerts' own alerts (key `{id}`): each insert (`op: c`) is a new alert; the gateway reads it to push the alert
     * to its owner's open `alertAdded` subscriptions.
     */
    alerts: `${namespace}alerts.public.alert`,
    /**
     * VERIFICATION_EXPIRING / VERIFICATION_EXPIRED reminders from the verification-timers Kafka Streams app
     * (streams/verification-timers), key = user id, value JSON with a deterministic `id` (also header `id`).
     */
    verificationReminders: `${namespace}verification.reminders`,
    /**
     * News about hospitals for their neighbours (key: the hospital id as a JSON string; value: a HospitalNewsEvent,
     * header `id` = the event id): routed by Debezium's outbox EventRouter from the hospitals database.
     */
    hospitalNews: `${namespace}outbox.event.hospital`,
    /** A consuming service's consumer group (one per service, so each sees every message once) and its dead-letter topic. */
    consumer: (service: string) => ({ groupId: `${namespace}${service}`, deadLetterTopic: `${namespace}${service}.cdc.dlq` }),
  };
}

/** Topic names for one namespace. */
export type SystemTopics = ReturnType<typeof systemTopics>;
