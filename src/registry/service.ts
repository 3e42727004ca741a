// Every change to the registry goes through here: checked, stored, and recorded in the audit
// log as an admin record (who, what, hashes of the state before and after). The admin API and
// the CLI both call it.
import { z } from 'zod';
import { adminRecord } from '../core/admin.js';
import { newId } from '../core/ids.js';
import type { AuditRecord } from '../core/types.js';
import * as inc from '../oversight/incidents.js';
import { loadArt73Days, type Art73Days } from './data.js';
import { RegistryError, zodProblems, type RegistryProblem } from './errors.js';
import { ASSESSMENTS, RISKS, SUPPLIERS, SYSTEMS, type KindName, type KindRecords, type RecordKind } from './kinds.js';
import { checkRiskScale, defaultRiskScale, type RiskScale } from './risk.js';
import { incidentOpenSchema, incidentPatchSchema, isoTime } from './schemas.js';
import { exportRecords, parseImport, type TransferFormat, type TransferKind } from './transfer.js';
import type {
  AISystem,
  AssessmentFilter,
  DiscoveryCandidate,
  ImpactAssessment,
  Incident,
  IncidentFilter,
  RecordTable,
  RegistryStore,
  Risk,
  RiskFilter,
  Supplier,
  SupplierFilter,
  SystemFilter,
} from './types.js';

export interface RegistryServiceOptions {
  /** The clock (tests pass a fixed one). */
  now?: () => Date;
  riskScale?: RiskScale;
  art73Days?: Art73Days;
}

export interface ImportSummary {
  kind: TransferKind;
  file: string;
  created: string[];
  updated: string[];
  unchanged: string[];
  /** Things worth a look that do not stop the import (e.g. a system naming an unregistered supplier). */
  warnings: RegistryProblem[];
  dryRun: boolean;
}

const STAMPS = ['createdAt', 'updatedAt'] as const;
/** Fields where null is a value (tools: any tool; serious: not serious); elsewhere null removes the field. */
const NULLABLE = new Set(['tools', 'serious']);

function withoutStamps<T extends object>(r: T): Record<string, unknown> {
  const o = { ...r } as Record<string, unknown>;
  for (const s of STAMPS) delete o[s];
  return o;
}

function parse<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(input, { reportInput: true });
  if (!r.success) throw new RegistryError('invalid', `invalid ${what}`, zodProblems(r.error));
  return r.data;
}

/** Merges a change into a record: present keys replace, null removes an optional field. */
function merge(before: Record<string, unknown>, patch: unknown, id: string): Record<string, unknown> {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new RegistryError('invalid', 'a change is an object of fields');
  const p = patch as Record<string, unknown>;
  if ('id' in p && p.id !== id) throw new RegistryError('invalid', 'the id of a record cannot change', [{ field: 'id', message: 'cannot change' }]);
  const out = { ...before };
  for (const [k, v] of Object.entries(p)) {
    if (STAMPS.includes(k as (typeof STAMPS)[number])) continue;
    if (v === null && !NULLABLE.has(k)) delete out[k];
    else out[k] = v;
  }
  return out;
}

const same = (a: object, b: object) => JSON.stringify(withoutStamps(a)) === JSON.stringify(withoutStamps(b));

/** The registry's operations; each change is stored and then appended to the audit log. */
export class RegistryService {
  private readonly now: () => Date;
  readonly riskScale: RiskScale;
  private art73?: Art73Days;

  constructor(
    readonly store: RegistryStore,
    private readonly audit: { append(rec: AuditRecord): Promise<unknown> },
    private readonly actor: string,
    private readonly instance: string,
    opts: RegistryServiceOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date());
    this.riskScale = opts.riskScale ?? defaultRiskScale();
    const problems = checkRiskScale(this.riskScale);
    if (problems.length) throw new RegistryError('invalid', `invalid risk scale: ${problems.join('; ')}`);
    this.art73 = opts.art73Days;
  }

  /** Art. 73 deadlines in days (from the reference data unless given). */
  get art73Days(): Art73Days {
    return (this.art73 ??= loadArt73Days());
  }

  private async record(op: string, target: string, before: unknown, after: unknown, detail?: Record<string, unknown>): Promise<void> {
    await this.audit.append(adminRecord(this.instance, this.actor, op, target, before ?? null, after ?? null, detail));
  }

  /**
   * Writes a change and then records it. If the audit log refuses the record, the change is
   * undone and the error thrown: a change nobody can prove is not kept (fail closed).
   */
  private async apply<T extends { id: string }>(
    table: RecordTable<T, never>,
    op: string,
    before: T | undefined,
    after: T | undefined,
    detail?: Record<string, unknown>,
  ): Promise<void> {
    const id = (after ?? before)!.id;
    if (!before) {
      if (!table.create(after!)) throw new RegistryError('conflict', `${id} already exists`);
    } else if (!after) table.delete(id);
    else table.update(after);
    try {
      await this.record(op, id, before, after, detail);
    } catch (err) {
      if (!before) table.delete(id);
      else if (!after) table.create(before);
      else table.update(before);
      throw err;
    }
  }

  private stamp<T>(rec: T, createdAt?: string): T & { createdAt: string; updatedAt: string } {
    const t = this.now().toISOString();
    return { ...rec, createdAt: createdAt ?? t, updatedAt: t };
  }

  // ---- Plain records (systems, suppliers, risks, assessments), each described in kinds.ts ----

  list<K extends KindName>(kind: RecordKind<K>, filter?: Record<string, string>): Array<KindRecords[K]> {
    return kind.table(this.store).list(filter as never);
  }
  get<K extends KindName>(kind: RecordKind<K>, id: string): KindRecords[K] | undefined {
    return kind.table(this.store).get(id);
  }
  private require<K extends KindName>(kind: RecordKind<K>, id: string): KindRecords[K] {
    const r = this.get(kind, id);
    if (!r) throw new RegistryError('not_found', `no ${kind.noun} ${id}`);
    return r;
  }
  private check<K extends KindName>(kind: RecordKind<K>, rec: KindRecords[K]): void {
    const refusal = kind.check?.(rec, this.store, this.riskScale);
    if (refusal) throw new RegistryError('invalid', refusal.invalid, refusal.problems);
  }

  async create<K extends KindName>(kind: RecordKind<K>, input: unknown): Promise<KindRecords[K]> {
    const data = parse(kind.input, input, kind.noun) as KindRecords[K];
    const rec = this.stamp({ ...data, id: data.id ?? `${kind.idPrefix}-${newId().toLowerCase()}` }) as KindRecords[K];
    this.check(kind, rec);
    if (this.get(kind, rec.id)) throw new RegistryError('conflict', `${kind.noun} ${rec.id} already exists`);
    await this.apply(kind.table(this.store), `${kind.name}.create`, undefined, rec);
    return rec;
  }

  /** Changes a record: fields given replace, null removes an optional field. */
  async update<K extends KindName>(kind: RecordKind<K>, id: string, patch: unknown, op = `${kind.name}.update`, detail?: Record<string, unknown>): Promise<KindRecords[K]> {
    const before = this.require(kind, id);
    const data = parse(kind.input, merge(withoutStamps(before), patch, id), kind.noun) as KindRecords[K];
    const after = this.stamp({ ...data, id }, before.createdAt) as KindRecords[K];
    this.check(kind, after);
    if (same(before, after)) return before;
    await this.apply(kind.table(this.store), op, before, after, detail);
    return after;
  }

  async remove<K extends KindName>(kind: RecordKind<K>, id: string): Promise<KindRecords[K]> {
    const before = this.require(kind, id);
    const kept = kind.keep?.(before, this.store);
    if (kept) throw new RegistryError('conflict', kept);
    await this.apply(kind.table(this.store), `${kind.name}.delete`, before, undefined);
    return before;
  }

  /** Approves (or rejects) an assessment in the actor's name; the note is the record's reason. */
  async decideAssessment(id: string, status: 'approved' | 'rejected', note?: string): Promise<ImpactAssessment> {
    const approval = { status, by: this.actor, at: this.now().toISOString(), ...(note ? { note } : {}) };
    return this.update(ASSESSMENTS, id, { approval }, status === 'approved' ? 'assessment.approve' : 'assessment.reject', note ? { reason: note } : undefined);
  }

  // The same, by name, for callers that know the kind.
  listSystems = (filter?: SystemFilter): AISystem[] => this.list(SYSTEMS, filter as Record<string, string>);
  getSystem = (id: string): AISystem | undefined => this.get(SYSTEMS, id);
  createSystem = (input: unknown): Promise<AISystem> => this.create(SYSTEMS, input);
  updateSystem = (id: string, patch: unknown): Promise<AISystem> => this.update(SYSTEMS, id, patch);
  removeSystem = (id: string): Promise<AISystem> => this.remove(SYSTEMS, id);
  listSuppliers = (filter?: SupplierFilter): Supplier[] => this.list(SUPPLIERS, filter as Record<string, string>);
  getSupplier = (id: string): Supplier | undefined => this.get(SUPPLIERS, id);
  createSupplier = (input: unknown): Promise<Supplier> => this.create(SUPPLIERS, input);
  updateSupplier = (id: string, patch: unknown): Promise<Supplier> => this.update(SUPPLIERS, id, patch);
  removeSupplier = (id: string): Promise<Supplier> => this.remove(SUPPLIERS, id);
  listRisks = (filter?: RiskFilter): Risk[] => this.list(RISKS, filter as Record<string, string>);
  getRisk = (id: string): Risk | undefined => this.get(RISKS, id);
  createRisk = (input: unknown): Promise<Risk> => this.create(RISKS, input);
  updateRisk = (id: string, patch: unknown): Promise<Risk> => this.update(RISKS, id, patch);
  removeRisk = (id: string): Promise<Risk> => this.remove(RISKS, id);
  listAssessments = (filter?: AssessmentFilter): ImpactAssessment[] => this.list(ASSESSMENTS, filter as Record<string, string>);
  getAssessment = (id: string): ImpactAssessment | undefined => this.get(ASSESSMENTS, id);
  createAssessment = (input: unknown): Promise<ImpactAssessment> => this.create(ASSESSMENTS, input);
  updateAssessment = (id: string, patch: unknown): Promise<ImpactAssessment> => this.update(ASSESSMENTS, id, patch);
  removeAssessment = (id: string): Promise<ImpactAssessment> => this.remove(ASSESSMENTS, id);

  // ---- Incidents ----

  listIncidents(filter?: IncidentFilter): Incident[] {
    return this.store.incidents.list(filter);
  }
  getIncident(id: string): Incident | undefined {
    return this.store.incidents.get(id);
  }
  private requireIncident(id: string): Incident {
    const i = this.store.incidents.get(id);
    if (!i) throw new RegistryError('not_found', `no incident ${id}`);
    return i;
  }

  /** Opens an incident by hand, or from a gateway decision (linking the decision and its system). */
  async openIncident(input: unknown, decision?: inc.DecisionRef): Promise<Incident> {
    const data = parse(incidentOpenSchema, input, 'incident');
    const rec = inc.newIncident(`inc-${newId().toLowerCase()}`, data, this.actor, this.now(), decision);
    await this.apply(this.store.incidents, 'incident.open', undefined, rec, decision ? { decision: decision.id } : undefined);
    return rec;
  }

  private async changeIncident(id: string, op: string, change: (before: Incident) => Incident): Promise<Incident> {
    const before = this.requireIncident(id);
    const after = change(before);
    if (after === before) return before;
    await this.apply(this.store.incidents, op, before, after);
    return after;
  }

  async updateIncident(id: string, patch: unknown): Promise<Incident> {
    const p = parse(incidentPatchSchema, patch, 'incident change');
    return this.changeIncident(id, p.status === 'closed' ? 'incident.close' : 'incident.update', (b) => {
      const a = inc.changeIncident(b, p, this.actor, this.now());
      return a.timeline.length === b.timeline.length && same({ ...a, updatedAt: '' }, { ...b, updatedAt: '' }) ? b : a;
    });
  }

  async noteIncident(id: string, text: string): Promise<Incident> {
    if (!text.trim()) throw new RegistryError('invalid', 'a note needs text', [{ field: 'text', message: 'must not be empty' }]);
    return this.changeIncident(id, 'incident.note', (b) => inc.addNote(b, text.trim(), this.actor, this.now()));
  }

  /** Links decisions and AI systems; a system need not be registered (an incident may reveal shadow AI). */
  async linkIncident(id: string, links: { decisions?: string[]; systems?: string[] }): Promise<Incident> {
    return this.changeIncident(id, 'incident.link', (b) => inc.linkIncident(b, links, this.actor, this.now()));
  }

  /** Records the Art. 73 report of a serious incident. */
  async reportIncident(id: string, report: { at?: string; authority?: string; reference?: string }): Promise<Incident> {
    const at = report.at ?? this.now().toISOString();
    parse(isoTime, at, 'report time');
    return this.changeIncident(id, 'incident.report', (b) => {
      if (!b.serious) throw new RegistryError('invalid', `incident ${id} is not marked serious; only serious incidents are reported under Art. 73`);
      return inc.markReported(b, { ...report, at }, this.actor, this.now());
    });
  }

  /** Serious incidents whose Art. 73 report is overdue at `at` (default now). */
  overdueReports(at: Date = this.now()): inc.OverdueReport[] {
    return inc.overdueReports(this.store.incidents.list(), at, this.art73Days);
  }

  /** The incident report, as Markdown or JSON text. */
  incidentReport(id: string, format: 'markdown' | 'json', at: Date = this.now()): string {
    const i = this.requireIncident(id);
    return format === 'json'
      ? JSON.stringify(inc.incidentReport(i, at, this.art73Days), null, 2) + '\n'
      : inc.incidentReportMarkdown(i, at, this.art73Days);
  }

  // ---- Import and export ----

  /**
   * Imports the inventory or supplier register from YAML or CSV: all or nothing. Problems are
   * reported as file:line, field, message and nothing is written; records with a known id are replaced.
   */
  async importRecords(kind: TransferKind, text: string, format: TransferFormat, file: string, opts: { dryRun?: boolean } = {}): Promise<ImportSummary> {
    const parsed = parseImport(kind, text, format, file);
    if (parsed.problems.length) throw new RegistryError('invalid', `${file}: ${parsed.problems.length} problem(s); nothing was imported`, parsed.problems);
    const table = kind === 'systems' ? this.store.systems : this.store.suppliers;
    const summary: ImportSummary = { kind, file, created: [], updated: [], unchanged: [], warnings: [], dryRun: !!opts.dryRun };
    const knownSuppliers = new Set([...this.store.suppliers.list().map((s) => s.id)]);
    const changes: Array<{ before: AISystem | Supplier | undefined; after: AISystem | Supplier }> = [];
    for (const { line, value } of parsed.records) {
      const before = (table.get(value.id) as AISystem | Supplier | undefined) ?? undefined;
      const after = this.stamp(value, before?.createdAt) as AISystem | Supplier;
      if (kind === 'systems')
        for (const s of (value as AISystem).suppliers)
          if (!knownSuppliers.has(s)) summary.warnings.push({ file, line, field: 'suppliers', message: `supplier ${s} is not in the supplier register` });
      if (before && same(before, after)) summary.unchanged.push(value.id);
      else {
        (before ? summary.updated : summary.created).push(value.id);
        changes.push({ before, after });
      }
    }
    if (opts.dryRun || changes.length === 0) return summary;
    this.store.transaction(() => {
      for (const c of changes) {
        // Planned outside the transaction: refuse if someone changed the record meanwhile.
        if (JSON.stringify(table.get(c.after.id)) !== JSON.stringify(c.before))
          throw new RegistryError('conflict', `${c.after.id} changed during the import; nothing was imported`);
        if (c.before) (table as { update(r: unknown): boolean }).update(c.after);
        else (table as { create(r: unknown): boolean }).create(c.after);
      }
    });
    const noun = kind === 'systems' ? 'system' : 'supplier';
    try {
      // Appended in order and awaited together, so a large import shares the log's group commits.
      await Promise.all(changes.map((c) => this.record(`${noun}.${c.before ? 'update' : 'create'}`, c.after.id, c.before, c.after, { import: file })));
    } catch (err) {
      // The log refused a record: undo the whole import (records already logged stay in the log).
      this.store.transaction(() => {
        for (const c of changes) c.before ? (table as { update(r: unknown): boolean }).update(c.before) : table.delete(c.after.id);
      });
      throw err;
    }
    return summary;
  }

  /** The inventory or supplier register as YAML or CSV text. */
  exportRecords(kind: TransferKind, format: TransferFormat): string {
    return kind === 'systems' ? exportRecords('systems', this.store.systems.list(), format) : exportRecords('suppliers', this.store.suppliers.list(), format);
  }

  // ---- Discovery ----

  /** Keys seen by the gateway whose AI system is unknown, marked when the system has since been registered. */
  discoveryCandidates(): Array<DiscoveryCandidate & { registered: boolean }> {
    return this.store.discoveryCandidates().map((c) => ({ ...c, registered: !!this.store.systems.get(c.systemId) }));
  }
}
