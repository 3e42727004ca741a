// Export and SIEM shapes of a record: CSV rows, OCSF API Activity events, CEF lines.
// JSON lines need no shaping: they are the leaf bytes themselves.
import type { AdminRecord, AuditRecord, GatewayRecord } from '../core/types.js';

export const PRODUCT = { name: 'Warden', vendor: 'Warden', version: '0.1.0' };

// OCSF API Activity (category 6 Application Activity, class 3).
const OCSF_CLASS = 6003;

/** OCSF disposition_id and action_id for each Warden action. */
const OCSF_DISPOSITION: Record<string, { id: number; name: string; action: number; actionName: string }> = {
  allow: { id: 1, name: 'Allowed', action: 1, actionName: 'Allowed' },
  block: { id: 2, name: 'Blocked', action: 2, actionName: 'Denied' },
  redact: { id: 11, name: 'Corrected', action: 4, actionName: 'Modified' },
  hold: { id: 14, name: 'Delayed', action: 2, actionName: 'Denied' },
  warn: { id: 19, name: 'Alert', action: 1, actionName: 'Allowed' },
  route: { id: 7, name: 'Custom Action', action: 4, actionName: 'Modified' },
};

function activityOf(rec: AuditRecord): { id: number; name: string } {
  if (rec.kind !== 'admin') return rec.kind === 'decision' ? { id: 1, name: 'Create' } : { id: 2, name: 'Read' };
  const verb = rec.op.split('.').pop() ?? '';
  if (/^(create|add|register|issue)$/.test(verb)) return { id: 1, name: 'Create' };
  if (/^(revoke|delete|remove|erase)$/.test(verb)) return { id: 4, name: 'Delete' };
  return { id: 3, name: 'Update' };
}

/** The record as an OCSF API Activity event. */
export function toOcsf(rec: AuditRecord, index?: number): Record<string, unknown> {
  const activity = activityOf(rec);
  const base: Record<string, unknown> = {
    category_uid: 6,
    category_name: 'Application Activity',
    class_uid: OCSF_CLASS,
    class_name: 'API Activity',
    activity_id: activity.id,
    activity_name: activity.name,
    type_uid: OCSF_CLASS * 100 + activity.id,
    time: Date.parse(rec.time),
    metadata: {
      version: '1.3.0',
      uid: rec.id,
      log_name: 'warden-audit',
      product: { name: PRODUCT.name, vendor_name: PRODUCT.vendor, version: PRODUCT.version },
      ...(index === undefined ? {} : { sequence: index }),
    },
  };
  if (rec.kind === 'admin') return { ...base, ...adminOcsf(rec) };
  return { ...base, ...gatewayOcsf(rec) };
}

function adminOcsf(rec: AdminRecord): Record<string, unknown> {
  return {
    severity_id: 1,
    severity: 'Informational',
    status_id: 1,
    status: 'Success',
    actor: { user: { name: rec.actor } },
    api: { operation: rec.op, service: { name: 'warden-admin' } },
    src_endpoint: { name: rec.instance },
    resources: [{ uid: rec.target, type: rec.op.split('.')[0] }],
    unmapped: { before_hash: rec.beforeHash, after_hash: rec.afterHash, detail: rec.detail },
  };
}

function gatewayOcsf(rec: GatewayRecord): Record<string, unknown> {
  const d = OCSF_DISPOSITION[rec.action] ?? { id: 99, name: 'Other', action: 99, actionName: 'Other' };
  const failed = rec.outcome ? rec.outcome.status >= 400 : false;
  return {
    severity_id: rec.action === 'block' ? 3 : rec.action === 'allow' ? 1 : 2,
    severity: rec.action === 'block' ? 'Medium' : rec.action === 'allow' ? 'Informational' : 'Low',
    status_id: failed || rec.action === 'block' ? 2 : 1,
    status: failed || rec.action === 'block' ? 'Failure' : 'Success',
    disposition_id: d.id,
    disposition: d.name,
    action_id: d.action,
    action: d.actionName,
    actor: {
      user: rec.principal ? { name: rec.principal.user, groups: rec.principal.groups.map((name) => ({ name })), credential_uid: rec.principal.keyId } : undefined,
      app_name: rec.system ?? undefined,
    },
    api: { operation: rec.api ?? 'unknown', service: { name: rec.supplier ?? 'unknown' }, request: { uid: rec.id } },
    src_endpoint: { name: rec.instance },
    dst_endpoint: rec.supplier ? { name: rec.supplier } : undefined,
    http_response: rec.outcome ? { code: rec.outcome.status } : undefined,
    duration: rec.latency ? Math.round(rec.latency.gatewayMs + (rec.latency.upstreamMs ?? 0)) : undefined,
    unmapped: {
      kind: rec.kind,
      direction: rec.direction,
      mode: rec.mode,
      model: rec.model,
      rules: rec.rules.map((r) => r.id),
      controls: rec.controls,
      findings: rec.findings.map((f) => ({ type: f.type, count: f.count, max_score: f.maxScore })),
      policy_version: rec.policyVersion,
      content_hmac: rec.contentHmac,
      tokens: rec.tokens,
      review_id: rec.reviewId,
    },
  };
}

export const CSV_COLUMNS = [
  'index', 'id', 'kind', 'time', 'instance', 'user', 'groups', 'key_id', 'system', 'supplier', 'model', 'api', 'direction',
  'action', 'mode', 'rules', 'controls', 'findings', 'policy_version', 'status', 'gateway_ms', 'upstream_ms', 'input_tokens',
  'output_tokens', 'review_id', 'actor', 'op', 'target', 'before_hash', 'after_hash',
] as const;

function csvCell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = String(v);
  // Cells a spreadsheet would run as a formula get a leading quote (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvHeader(): string {
  return CSV_COLUMNS.join(',') + '\n';
}

/** One CSV row (RFC 4180). */
export function toCsvRow(rec: AuditRecord, index: number): string {
  const row: Record<string, unknown> = { index, id: rec.id, kind: rec.kind, time: rec.time, instance: rec.instance };
  if (rec.kind === 'admin') Object.assign(row, { actor: rec.actor, op: rec.op, target: rec.target, before_hash: rec.beforeHash, after_hash: rec.afterHash });
  else
    Object.assign(row, {
      user: rec.principal?.user,
      groups: rec.principal?.groups.join(';'),
      key_id: rec.principal?.keyId,
      system: rec.system,
      supplier: rec.supplier,
      model: rec.model,
      api: rec.api,
      direction: rec.direction,
      action: rec.action,
      mode: rec.mode,
      rules: rec.rules.map((r) => r.id).join(';'),
      controls: rec.controls.join(';'),
      findings: rec.findings.map((f) => `${f.type}:${f.count}`).join(';'),
      policy_version: rec.policyVersion,
      status: rec.outcome?.status,
      gateway_ms: rec.latency?.gatewayMs,
      upstream_ms: rec.latency?.upstreamMs,
      input_tokens: rec.tokens?.input,
      output_tokens: rec.tokens?.output,
      review_id: rec.reviewId,
    });
  return CSV_COLUMNS.map((c) => csvCell(row[c])).join(',') + '\n';
}

function cefHeader(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
}

function cefValue(v: unknown): string {
  return String(v).replace(/\\/g, '\\\\').replace(/=/g, '\\=').replace(/\r?\n|\r/g, '\\n');
}

/** One ArcSight CEF line. */
export function toCef(rec: AuditRecord, index?: number): string {
  const ext: Array<[string, unknown]> = [['rt', Date.parse(rec.time)], ['externalId', rec.id], ['dvchost', rec.instance]];
  if (index !== undefined) ext.push(['cn1Label', 'logIndex'], ['cn1', index]);
  let sigId: string;
  let name: string;
  let severity: number;
  if (rec.kind === 'admin') {
    sigId = `admin.${rec.op}`;
    name = `Admin change ${rec.op}`;
    severity = 3;
    ext.push(['suser', rec.actor], ['act', rec.op], ['duid', rec.target]);
    if (rec.beforeHash) ext.push(['cs4Label', 'beforeHash'], ['cs4', rec.beforeHash]);
    if (rec.afterHash) ext.push(['cs5Label', 'afterHash'], ['cs5', rec.afterHash]);
  } else {
    sigId = `${rec.kind}.${rec.action}`;
    name = `AI ${rec.direction} ${rec.action}${rec.mode === 'monitor' ? ' (monitor)' : ''}`;
    severity = rec.action === 'block' ? 7 : rec.action === 'hold' || rec.action === 'redact' ? 5 : rec.action === 'warn' ? 4 : 2;
    if (rec.principal) ext.push(['suser', rec.principal.user], ['suid', rec.principal.keyId]);
    ext.push(['act', rec.action], ['app', rec.api ?? ''], ['cs1Label', 'system'], ['cs1', rec.system ?? ''], ['cs2Label', 'rules'], ['cs2', rec.rules.map((r) => r.id).join(',')]);
    ext.push(['cs3Label', 'policyVersion'], ['cs3', rec.policyVersion ?? ''], ['dhost', rec.supplier ?? ''], ['requestContext', rec.model ?? '']);
    if (rec.findings.length) ext.push(['cs6Label', 'findings'], ['cs6', rec.findings.map((f) => `${f.type}:${f.count}`).join(',')]);
    if (rec.outcome) ext.push(['outcome', rec.outcome.status]);
  }
  const header = ['CEF:0', PRODUCT.vendor, PRODUCT.name, PRODUCT.version, sigId, name, String(severity)].map(cefHeader).join('|');
  return `${header}|${ext.map(([k, v]) => `${k}=${cefValue(v)}`).join(' ')}`;
}
