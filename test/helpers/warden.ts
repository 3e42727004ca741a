// Starts a real Warden (in this process, on an ephemeral port) in front of a mock supplier.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { parseConfig } from '../../src/config/load.js';
import { startWarden, type RunningWarden } from '../../src/server/runtime.js';
import { startMockUpstream, type MockUpstream } from './mock-upstream.js';

export const SUPPLIER_KEYS = { openai: 'sk-openai-supplier-secret', anthropic: 'sk-ant-supplier-secret', azure: 'azure-supplier-secret' };

export interface TestWarden {
  warden: RunningWarden;
  mock: MockUpstream;
  url: string;
  key: string;
  dataDir: string;
  /** A key for another system with other settings. */
  makeKey(system: string, user?: string, groups?: string[]): string;
  close(): Promise<void>;
}

export interface TestWardenOptions {
  /** Extra YAML appended to the generated config. */
  extraYaml?: string;
  policyDir?: string;
  headersTimeoutMs?: number;
  bodyLimit?: string;
  /** Point the openai supplier at this URL instead of the mock (e.g. a closed port). */
  openaiBaseUrl?: string;
}

/** Config with openai, anthropic and azure suppliers on the mock, and an `app` system allowed all of them. */
export function testConfigYaml(mockUrl: string, o: TestWardenOptions = {}): string {
  return `
server:
  body_limit: ${o.bodyLimit ?? '1mb'}
  shutdown_grace_ms: 2000
log_level: silent
upstream:
  headers_timeout_ms: ${o.headersTimeoutMs ?? 10000}
  body_timeout_ms: 10000
  connect_timeout_ms: 2000
suppliers:
  - id: openai
    type: openai
    base_url: ${o.openaiBaseUrl ?? `${mockUrl}/v1`}
    api_key: ${SUPPLIER_KEYS.openai}
    models: [gpt-4o, gpt-4o-mini, text-embedding-3-small]
  - id: anthropic
    type: anthropic
    base_url: ${mockUrl}
    api_key: ${SUPPLIER_KEYS.anthropic}
    models: [claude-sonnet-4-6]
  - id: azure
    type: azure-openai
    base_url: ${mockUrl}
    api_key: ${SUPPLIER_KEYS.azure}
    api_version: 2024-10-21
    deployments: { gpt-4o-azure: prod-gpt4o }
    models: [gpt-4o-azure]
  - id: onprem
    type: openai
    base_url: ${mockUrl}/onprem/v1
    public: false
    models: [llama-3-70b]
systems:
  - id: app
    suppliers: [openai, anthropic, azure]
    models: [gpt-4o, gpt-4o-mini, text-embedding-3-small, claude-sonnet-4-6, gpt-4o-azure, fast]
    tools: [search_docs, get_weather, run_sql, send_email]
    data_categories: [personal]
  - id: narrow
    suppliers: [openai]
    models: [gpt-4o-mini]
aliases:
  fast: { supplier: openai, model: gpt-4o-mini }
${o.extraYaml ?? ''}`;
}

export async function startTestWarden(o: TestWardenOptions = {}): Promise<TestWarden> {
  const mock = await startMockUpstream();
  const dataDir = mkdtempSync(join(tmpdir(), 'warden-test-'));
  const config = parseConfig(testConfigYaml(mock.url, o), 'test.yaml');
  const warden = await startWarden({ config, dataDir, port: 0, policyDir: o.policyDir, log: pino({ level: 'silent' }) });
  const makeKey = (system: string, user = 'alice@example.com', groups: string[] = ['staff']) => {
    const { key } = warden.store.keys.create({ user, groups, system });
    warden.gateway.deps.live.refresh(true);
    return key;
  };
  const key = makeKey('app');
  return {
    warden,
    mock,
    url: warden.url,
    key,
    dataDir,
    makeKey,
    close: async () => {
      await warden.close();
      await mock.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A test Warden with the official OpenAI and Anthropic SDKs pointed at it (no retries, so each call is one request). */
export async function startSdkWarden(o: TestWardenOptions = {}): Promise<{ t: TestWarden; openai: OpenAI; anthropic: Anthropic }> {
  const t = await startTestWarden(o);
  const openai = new OpenAI({ baseURL: `${t.url}/v1`, apiKey: t.key, maxRetries: 0 });
  const anthropic = new Anthropic({ baseURL: t.url, apiKey: t.key, maxRetries: 0 });
  return { t, openai, anthropic };
}
