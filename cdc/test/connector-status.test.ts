import { describe, expect, it } from 'vitest';
import { connectorHealth, summarizeTrace, type ConnectorStatus } from '@petcare/cdc/connect';

const status = (connector: string, ...tasks: string[]): ConnectorStatus => ({
  name: 'users-cdc',
  connector: { state: connector },
  tasks: tasks.map((state, id) => ({ id, state })),
});

describe('connectorHealth', () => {
  it('is running only when the connector and every task run', () => {
    expect(connectorHealth(status('RUNNING', 'RUNNING'))).toBe('running');
    expect(connectorHealth(status('RUNNING', 'RUNNING', 'UNASSIGNED'))).toBe('pending');
  });

  it('is not running before the first task exists', () => {
    expect(connectorHealth(status('RUNNING'))).toBe('pending');
  });

  it('is failed when the connector or any task failed, whatever the others say', () => {
    expect(connectorHealth(status('FAILED'))).toBe('failed');
    expect(connectorHealth(status('RUNNING', 'RUNNING', 'FAILED'))).toBe('failed');
  });
});

describe('summarizeTrace', () => {
  it('keeps what failed and the deepest cause', () => {
    const trace = [
      'org.apache.kafka.connect.errors.ConnectException: Unable to create filtered publication p for ',
      '\tat io.debezium.A.b(A.java:1)',
      'Caused by: java.sql.SQLException: outer',
      '\tat x',
      'Caused by: io.debezium.DebeziumException: No table filters found for filtered publication p',
      '\tat y',
    ].join('\n');
    expect(summarizeTrace(trace)).toBe(
      'org.apache.kafka.connect.errors.ConnectException: Unable to create filtered publication p for \n' +
        'Caused by: io.debezium.DebeziumException: No table filters found for filtered publication p',
    );
  });
});
