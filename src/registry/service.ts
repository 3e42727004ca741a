// Every change to the registry goes through here: checked, stored, and recorded in the audit
// log as an admin record (who, what, hashes of the state before and after). The admin API and
// the CLI both call it.
import { z } from 'zod';
import { adminRecord } from '../core/admin.js';
import { newId } from '../core/ids.js';
import type { AuditRecord } from '../core/types.js';
import * as inc from '../oversight/incidents.js';
import { friaGaps, needsFria } from './assessment.js';
import { loadArt73Days, type Art73Days } from './data.js';
import { RegistryError, zodProblems, type RegistryProblem } from './errors.js';
import { checkRiskScale, defaultRiskScale, riskRatingProblems, type RiskScale } from './risk.js';
import {
  assessmentInputSchema,
  incidentOpenSchema,
  incidentPatchSchema,
  isoTime,
  riskInputSchema,
  supplierInputSchema,
  systemInputSchema,
} from './schemas.js';
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

  // ---- AI systems ----

  listSystems(filter?: SystemFilter): AISystem[] {
    return this.store.systems.list(filter);
  }
  getSystem(id: string): AISystem | undefined {
    return this.store.systems.get(id);
  }
  private requireSystem(id: string): AISystem {
    const s = this.store.systems.get(id);
    if (!s) throw new RegistryError('not_found', `no AI system ${id}`);
    return s;
  }

  async createSystem(input: unknown): Promise<AISystem> {
    const data = parse(systemInputSchema, input, 'AI system');
    const rec = this.stamp(data) as AISystem;
    if (this.store.systems.get(rec.id)) throw new RegistryError('conflict', `AI system ${data.id} already exists`);
    await this.apply(this.store.systems, 'system.create', undefined, rec);
    return rec;
  }

  async updateSystem(id: string, patch: unknown): Promise<AISystem> {
    const before = this.requireSystem(id);
    const data = parse(systemInputSchema, merge(withoutStamps(before), patch, id), 'AI system');
    const after = this.stamp(data, before.createdAt) as AISystem;
    if (same(before, after)) return before;
    await this.apply(this.store.systems, 'system.update', before, after);
    return after;
  }

  /** Removes a system; one with risks or assessments is refused (retire it instead). */
  async removeSystem(id: string): Promise<AISystem> {
    const before = this.requireSystem(id);
    const risks = this.store.risks.list({ systemId: id }).length;
    const assessments = this.store.assessments.list({ systemId: id }).length;
    if (risks || assessments)
      throw new RegistryError('conflict', `AI system ${id} has ${risks} risks and ${assessments} impact assessments; set its lifecycle to retired instead`);
    await this.apply(this.store.systems, 'system.delete', before, undefined);
    return before;
  }

  // ---- Suppliers ----

  listSuppliers(filter?: SupplierFilter): Supplier[] {
    return this.store.suppliers.list(filter);
  }
  getSupplier(id: string): Supplier | undefined {
    return this.store.suppliers.get(id);
  }
  private requireSupplier(id: string): Supplier {
    const s = this.store.suppliers.get(id);
    if (!s) throw new RegistryError('not_found', `no supplier ${id}`);
    return s;
  }

  async createSupplier(input: unknown): Promise<Supplier> {
    const data = parse(supplierInputSchema, input, 'supplier');
    const rec = this.stamp(data) as Supplier;
    if (this.store.suppliers.get(rec.id)) throw new RegistryError('conflict', `supplier ${data.id} already exists`);
    await this.apply(this.store.suppliers, 'supplier.create', undefined, rec);
    return rec;
  }

  async updateSupplier(id: string, patch: unknown): Promise<Supplier> {
    const before = this.requireSupplier(id);
    const data = parse(supplierInputSchema, merge(withoutStamps(before), patch, id), 'supplier');
    const after = this.stamp(data, before.createdAt) as Supplier;
    if (same(before, after)) return before;
    await this.apply(this.store.suppliers, 'supplier.update', before, after);
    return after;
  }

  /** Removes a supplier; one that a registered system still names is refused. */
  async removeSupplier(id: string): Promise<Supplier> {
    const before = this.requireSupplier(id);
    const users = this.store.systems.list().filter((s) => s.suppliers.includes(id)).map((s) => s.id);
    if (users.length) throw new RegistryError('conflict', `supplier ${id} is used by AI systems ${users.join(', ')}; suspend it instead`);
    await this.apply(this.store.suppliers, 'supplier.delete', before, undefined);
    return before;
  }

  // ---- Risks ----

  listRisks(filter?: RiskFilter): Risk[] {
    return this.store.risks.list(filter);
  }
  getRisk(id: string): Risk | undefined {
    return this.store.risks.get(id);
  }

  private checkRisk(r: z.infer<typeof riskInputSchema>): void {
    const problems = riskRatingProblems(r, this.riskScale);
    if (!this.store.systems.get(r.systemId)) problems.unshift({ field: 'systemId', message: `no AI system ${r.systemId}` });
    if (problems.length) throw new RegistryError('invalid', 'invalid risk', problems);
  }

  async createRisk(input: unknown): Promise<Risk> {
    const data = parse(riskInputSchema, input, 'risk');
    this.checkRisk(data);
    const rec = this.stamp({ ...data, id: data.id ?? `risk-${newId().toLowerCase()}` }) as Risk;
    if (this.store.risks.get(rec.id)) throw new RegistryError('conflict', `risk ${rec.id} already exists`);
    await this.apply(this.store.risks, 'risk.create', undefined, rec);
    return rec;
  }

  async updateRisk(id: string, patch: unknown): Promise<Risk> {
    const before = this.store.risks.get(id);
    if (!before) throw new RegistryError('not_found', `no risk ${id}`);
    const data = parse(riskInputSchema, merge(withoutStamps(before), patch, id), 'risk');
    this.checkRisk(data);
    const after = this.stamp({ ...data, id }, before.createdAt) as Risk;
    if (same(before, after)) return before;
    await this.apply(this.store.risks, 'risk.update', before, after);
    return after;
  }

  async removeRisk(id: string): Promise<Risk> {
    const before = this.store.risks.get(id);
    if (!before) throw new RegistryError('not_found', `no risk ${id}`);
    await this.apply(this.store.risks, 'risk.delete', before, undefined);
    return before;
  }

  // ---- Impact assessments ----

  listAssessments(filter?: AssessmentFilter): ImpactAssessment[] {
    return this.store.assessments.list(filter);
  }
  getAssessment(id: string): ImpactAssessment | undefined {
    return this.store.assessments.get(id);
  }

  /** An approved assessment of a high-risk system must hold every Art. 27 element. */
  private checkAssessment(a: z.infer<typeof assessmentInputSchema>): void {
    const system = this.store.systems.get(a.systemId);
    if (!system) throw new RegistryError('invalid', 'invalid impact assessment', [{ field: 'systemId', message: `no AI system ${a.systemId}` }]);
    if (a.approval.status === 'approved' && needsFria(system)) {
      const gaps = friaGaps(a);
      if (gaps.length) throw new RegistryError('invalid', `AI system ${system.id} is high-risk: its assessment needs every Art. 27 element before approval`, gaps);
    }
  }

  async createAssessment(input: unknown): Promise<ImpactAssessment> {
    const data = parse(assessmentInputSchema, input, 'impact assessment');
    this.checkAssessment(data);
    const rec = this.stamp({ ...data, id: data.id ?? `ia-${newId().toLowerCase()}` }) as ImpactAssessment;
    if (this.store.assessments.get(rec.id)) throw new RegistryError('conflict', `impact assessment ${rec.id} already exists`);
    await this.apply(this.store.assessments, 'assessment.create', undefined, rec);
    return rec;
  }

  async updateAssessment(id: string, patch: unknown, op = 'assessment.update', detail?: Record<string, unknown>): Promise<ImpactAssessment> {
    const before = this.store.assessments.get(id);
    if (!before) throw new RegistryError('not_found', `no impact assessment ${id}`);
    const data = parse(assessmentInputSchema, merge(withoutStamps(before), patch, id), 'impact assessment');
    this.checkAssessment(data);
    const after = this.stamp({ ...data, id }, before.createdAt) as ImpactAssessment;
    if (same(before, after)) return before;
    await this.apply(this.store.assessments, op, before, after, detail);
    return after;
  }

  /** Approves (or rejects) an assessment in the actor's name; the note is the record's reason. */
  async decideAssessment(id: string, status: 'approved' | 'rejected', note?: string): Promise<ImpactAssessment> {
    const approval = { status, by: this.actor, at: this.now().toISOString(), ...(note ? { note } : {}) };
    return this.updateAssessment(id, { approval }, status === 'approved' ? 'assessment.approve' : 'assessment.reject', note ? { reason: note } : undefined);
  }

  async removeAssessment(id: string): Promise<ImpactAssessment> {
    const before = this.store.assessments.get(id);
    if (!before) throw new RegistryError('not_found', `no impact assessment ${id}`);
    await this.apply(this.store.assessments, 'assessment.delete', before, undefined);
    return before;
  }

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
