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
    /**
     * alerts' outbox (`aggregatetype` device-token, key = device id): DEVICE_TOKEN_REJECTED when FCM says a
     * token is dead; the users service removes the device. Debezium's EventRouter names it.
     */
    deviceTokenEvents: `${namespace}outbox.event.device-token`,
    /** Consumer group of a consuming service. */
    group: (service: string) => `${namespace}${service}`,
    /** Dead-letter topic of a consuming service's group. */
    deadLetter: (service: string) => `${namespace}${service}.cdc.dlq`,
  };
}

/** Topic names for one namespace. */
export type SystemTopics = ReturnType<typeof systemTopics>;
