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
