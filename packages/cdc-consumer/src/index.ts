export { CdcConsumer, type CdcConsumerOptions } from './cdc-consumer.ts';
export type { CopyHandler, AnyCopyHandler } from './copy-handler.ts';
export { applyChange, applyParsed, parseMessage, type ApplyOutcome, type IncomingMessage, type ParsedMessage } from './apply-change.ts';
export { parseDebeziumChange, parseDebeziumKey, type DebeziumChange, type ChangeOp } from './debezium-change.ts';
export { PoisonMessageError } from './poison-message-error.ts';
export { isPermanentFailure } from './is-permanent-failure.ts';
export { appliedChangeTableSql } from './applied-change-table.ts';
export { cdcConfigShape } from './cdc-config-shape.ts';
export { buildServiceConsumer, type ServiceConsumerOptions } from './build-service-consumer.ts';
