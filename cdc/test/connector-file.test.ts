import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectorTemplate, readConnectorFile, readConnectorFiles, testConnectorConfig, topicSettingsFor } from '@petcare/cdc/connect';
import { withInstance } from '../src/connect/connector-file.ts';

let dir: string | undefined;
const folder = (files: Record<string, unknown>) => {
  dir = mkdtempSync(join(tmpdir(), 'connectors-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
};
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('connector files', () => {
  it('give a test connector on tables of its own none of the users template\'s column list, and on app_user only its entry', () => {
    const own = testConnectorConfig({ name: 't', database: 'd', topicPrefix: 'p', tables: 'public.item' });
    expect(own['column.include.list']).toBeUndefined();
    const users = testConnectorConfig({ name: 't', database: 'd', topicPrefix: 'p', tables: 'public.app_user' });
    expect(users['column.include.list']).toBe('public\\.app_user\\.(id|display_name|created_at|updated_at|request_id)');
  });

  it('declare compacted table topics, expiring outbox topics, and a 동네인증 topic that forgets within an hour and a day', () => {
    const neighborhoods = connectorTemplate('neighborhoods-cdc');
    expect(topicSettingsFor(neighborhoods, 'neighborhoods.public.neighborhood_verification')).toEqual({
      'cleanup.policy': 'compact',
      'segment.ms': '3600000',
      'max.compaction.lag.ms': '3600000',
      'delete.retention.ms': '86400000',
    });
    expect(topicSettingsFor(neighborhoods, 'neighborhoods.public.neighborhood')).toEqual({ 'cleanup.policy': 'compact', 'delete.retention.ms': '604800000' });
    expect(topicSettingsFor(connectorTemplate('hospitals-cdc'), 'outbox.event.hospital')).toEqual({
      'cleanup.policy': 'delete',
      'delete.retention.ms': '604800000',
      'retention.ms': '604800000',
    });
    expect(topicSettingsFor(connectorTemplate('users-cdc'), 'users.public.app_user')['cleanup.policy']).toBe('compact');
  });

  it('give a checkout with PETCARE_INSTANCE its own database, slot and publication, and the same topics', () => {
    const config = withInstance(connectorTemplate('users-cdc'), 'wt2');
    expect([config['database.dbname'], config['slot.name'], config['publication.name'], config['topic.prefix']]).toEqual([
      'petcare_users_wt2',
      'wt2_users_cdc',
      'wt2_users_cdc',
      'users',
    ]);
    expect(withInstance(connectorTemplate('users-cdc'), '')).toEqual(connectorTemplate('users-cdc'));
  });

  it('reads the committed ones: one per service database, each with its own slot and publication', () => {
    const files = readConnectorFiles();
    expect(files.map((f) => [f.name, f.database, f.slot, f.publication])).toEqual([
      ['alerts-cdc', 'petcare_alerts', 'alerts_cdc', 'alerts_cdc'],
      ['hospitals-cdc', 'petcare_hospitals', 'hospitals_cdc', 'hospitals_cdc'],
      ['neighborhoods-cdc', 'petcare_neighborhoods', 'neighborhoods_cdc', 'neighborhoods_cdc'],
      ['users-cdc', 'petcare_users', 'users_cdc', 'users_cdc'],
    ]);
    expect(connectorTemplate('users-cdc')['plugin.name']).toBe('pgoutput');
  });

  it('names the file and the key when a file lacks what register needs', () => {
    const d = folder({ 'x.json': { name: 'x', 'slot.name': 'x' } });
    expect(() => readConnectorFile(join(d, 'x.json'))).toThrow(/x\.json: "database\.dbname" is missing/);
  });

  it('rejects a value that is not a string, naming the key', () => {
    const d = folder({ 'x.json': { name: 'x', 'database.dbname': 'db', 'tasks.max': 1 } });
    expect(() => readConnectorFile(join(d, 'x.json'))).toThrow(/"tasks\.max" must be a string/);
  });

  it('rejects a file that is not JSON, naming it', () => {
    const d = folder({ 'x.json': '{ "name": ' });
    expect(() => readConnectorFile(join(d, 'x.json'))).toThrow(/x\.json: not a JSON file/);
  });

  it('refuses two files that name the same connector', () => {
    const d = folder({ 'a.json': { name: 'same', 'database.dbname': 'a' }, 'b.json': { name: 'same', 'database.dbname': 'b' } });
    expect(() => readConnectorFiles(d)).toThrow(/b\.json and a\.json both name the connector "same"/);
  });
});

describe('test connectors', () => {
  it('put the outbox router\'s topic in the test\'s namespace, as every other topic of the connector', () => {
    const config = testConnectorConfig({ name: 'ns1-hospitals-cdc', template: 'hospitals-cdc', database: 'test_h', topicPrefix: 'ns1_hospitals' });
    expect(config).toMatchObject({
      'topic.prefix': 'ns1_hospitals',
      'slot.name': 'ns1_hospitals_cdc',
      'transforms.outbox.route.topic.replacement': 'ns1_outbox.event.${routedByValue}',
    });
    // the committed file routes to the system's own topic
    expect(connectorTemplate('hospitals-cdc')['transforms.outbox.route.topic.replacement']).toBe('outbox.event.${routedByValue}');
    // the router applies to the outbox table's records only, whatever the namespace
    const pattern = new RegExp(`^${config['predicates.isOutboxEvent.pattern']}$`);
    expect(['ns1_hospitals.public.outbox_event', 'hospitals.public.outbox_event'].every((t) => pattern.test(t))).toBe(true);
    expect(pattern.test('ns1_hospitals.public.hospital')).toBe(false);
  });

  it('write their snapshot-end markers through the project\'s notification channel, which names topics by the connector\'s prefix', () => {
    for (const template of ['users-cdc', 'neighborhoods-cdc', 'alerts-cdc', 'hospitals-cdc']) {
      const config = testConnectorConfig({ name: 'ns1-c', template, database: 'test_c', topicPrefix: 'ns1_c' });
      expect(config['notification.enabled.channels'], template).toBe('petcare-snapshot-end');
      expect(config['notification.petcare-snapshot-end.bootstrap.servers'], template).toBe('${env:CDC_KAFKA_BROKERS}');
      // no notification topic, and no transform left that would need one
      expect(Object.keys(config).filter((k) => k.startsWith('notification.sink.') || k.startsWith('transforms.snapshotEnd.')), template).toEqual([]);
    }
    // an outbox table is empty by design: no marker goes to its routed topic
    expect(connectorTemplate('alerts-cdc')['notification.petcare-snapshot-end.tables.exclude']).toBe('public.outbox_event');
    expect(connectorTemplate('hospitals-cdc')['notification.petcare-snapshot-end.tables.exclude']).toBe('public.outbox_event');
  });
});
