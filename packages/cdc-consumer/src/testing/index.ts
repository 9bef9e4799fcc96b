export { appliedChangeTableSql } from './applied-change-table.ts';
export { processedEventTableSql } from './processed-event-table.ts';
