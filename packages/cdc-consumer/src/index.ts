export { CdcConsumer, type CdcConsumerOptions } from './cdc-consumer.ts';
export type { ChangeHandler, AnyChangeHandler } from './change-handler.ts';
export { defineCopy, type CopyDefinition, type CopyColumn, type ConvertedColumn } from './define-copy.ts';
export { applyChange, applyParsed, parseMessage, type ApplyOutcome, type IncomingMessage, type ParsedMessage } from './apply-change.ts';
export { parseDebeziumChange, parseDebeziumKey, type DebeziumChange, type ChangeOp } from './debezium-change.ts';
export { PoisonMessageError } from './poison-message-error.ts';
export { isPermanentFailure } from './is-permanent-failure.ts';
export { cdcConfigShape } from './cdc-config-shape.ts';
export { buildServiceConsumer, type ServiceConsumerOptions } from './build-service-consumer.ts';
