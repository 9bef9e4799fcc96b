export { appliedChangeTableSql } from './applied-change-table.ts';
