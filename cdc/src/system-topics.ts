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
    /** neighborhoods' 동네인증 rows. */
    verifications: `${namespace}neighborhoods.public.neighborhood_verification`,
    /** neighborhoods' 행정동 (key `{code}`): names and boundaries (PostGIS `{wkb, srid}`). */
    neighborhoods: `${namespace}neighborhoods.public.neighborhood`,
    /**
     * News about hospitals for their neighbours (key: the hospital id as a JSON string; value: a HospitalNewsEvent,
     * header `id` = the event id): routed by Debezium's outbox EventRouter from the hospitals database.
     */
    hospitalNews: `${namespace}outbox.event.hospital`,
    /** Consumer group of a consuming service. */
    group: (service: string) => `${namespace}${service}`,
    /** Dead-letter topic of a consuming service's group. */
    deadLetter: (service: string) => `${namespace}${service}.cdc.dlq`,
  };
}

/** Topic names for one namespace. */
export type SystemTopics = ReturnType<typeof systemTopics>;
