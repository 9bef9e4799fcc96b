export {
  connectUrl,
  testBrokers,
  connectorTemplate,
  registerTestConnector,
  waitForConnectorRunning,
  deleteConnector,
  removeTestConnector,
  type TestConnector,
} from './connect-client.ts';
export { appliedChangeTableSql } from './applied-change-table.ts';
