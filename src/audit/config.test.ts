import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditConfigSchema } from './config.js';

test('an empty audit section gives the documented defaults', () => {
  const o = auditConfigSchema.parse({});
  assert.equal(o.keyName, 'warden-audit');
  assert.equal(o.checkpointIntervalMs, 5000);
  assert.equal(o.checkpointEveryRecords, 1000);
  assert.deepEqual(o.checkpointTargets, []);
  assert.deepEqual(o.sinks, []);
  assert.deepEqual(o.retention, { decisionDays: 184, adminDays: 2190 });
  assert.equal(o.contentStore, undefined);
});

test('snake_case keys map to the log options', () => {
  const o = auditConfigSchema.parse({
    origin: 'audit.example.com/warden',
    signing_key_file: '/etc/warden/audit.key',
    checkpoint: { interval_ms: 1000, every_records: 10, targets: [{ type: 'file', path: '/mnt/worm/cp' }, { type: 'http', url: 'https://witness.example.com/add' }] },
    sinks: [
      { type: 'syslog', host: 'siem.example.com', tls: true },
      { type: 'splunk-hec', url: 'https://splunk.example.com:8088', token: 'x', index: 'ai' },
      { type: 'webhook', name: 'soar', url: 'https://soar.example.com/in', format: 'ocsf', headers: { 'x-api-key': 'k' } },
    ],
    retention: { decision_days: 365 },
    content_store: { key: '00'.repeat(32) },
  });
  assert.equal(o.origin, 'audit.example.com/warden');
  assert.equal(o.signingKeyFile, '/etc/warden/audit.key');
  assert.equal(o.checkpointTargets!.length, 2);
  assert.deepEqual(o.sinks![0], { name: 'syslog-0', batchSize: 500, maxBackoffMs: 60000, type: 'syslog', host: 'siem.example.com', port: 6514, tls: { rejectUnauthorized: true }, facility: 13, appName: 'warden', format: 'json' });
  assert.equal(o.sinks![2].name, 'soar');
  assert.deepEqual(o.retention, { decisionDays: 365, adminDays: 2190 });
  assert.equal(o.contentStore!.key!.length, 32);
});

test('bad sections are refused', () => {
  assert.throws(() => auditConfigSchema.parse({ sinks: [{ type: 'kafka' }] }));
  assert.throws(() => auditConfigSchema.parse({ retention: { decision_days: 0 } }));
  assert.throws(() => auditConfigSchema.parse({ unknown: 1 }));
  assert.throws(() => auditConfigSchema.parse({ content_store: {} }));
  assert.throws(() => auditConfigSchema.parse({ signing_key: 'PRIVATE+KEY+a+b+c', signing_key_file: 'x' }));
});
