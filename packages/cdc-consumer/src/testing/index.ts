export { connectUrl, testBrokers, connectorTemplate, registerTestConnector, waitForConnectorRunning, deleteConnector, type TestConnector } from './connect-client.ts';
