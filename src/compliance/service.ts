// Changes to the Statement of Applicability and to attestations: checked, stored, and recorded
// in the audit log as admin records (the CLI and the admin API both call this).
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { adminRecord } from '../core/admin.js';
import { newId } from '../core/ids.js';
import type { AuditRecord } from '../core/types.js';
import { loadCatalog } from './catalog.js';
import { FRAMEWORK_IDS, IMPLEMENTATION, type Attestation, type ComplianceStore, type SoaEntry } from './types.js';

export class ComplianceError extends Error {}

const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO date or date-time');

export const soaInputSchema = z
  .object({
    applicable: z.boolean().optional(),
    justification: z.string().trim().min(1).optional(),
    implementation: z.enum(IMPLEMENTATION).optional(),
    evidence: z.array(z.string().trim().min(1)).optional(),
  })
  .strict();

export const attestationInputSchema = z
  .object({
    framework: z.enum(FRAMEWORK_IDS),
    requirement: z.string().min(1),
    owner: z.string().trim().min(1),
    expiresAt: isoTime,
    note: z.string().optional(),
  })
  .strict();

function parse<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(input);
  if (!r.success) throw new ComplianceError(`invalid ${what}: ${r.error.issues.map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`).join('; ')}`);
  return r.data;
}

export class ComplianceService {
  private readonly now: () => Date;

  constructor(
    readonly store: ComplianceStore,
    private readonly audit: { append(rec: AuditRecord): Promise<unknown> },
    private readonly actor: string,
    private readonly instance: string,
    opts: { now?: () => Date } = {},
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  /** Sets fields of one Annex A control's SoA entry; the first write needs applicability and justification. */
  async setSoa(control: string, input: unknown): Promise<SoaEntry> {
    if (!loadCatalog('iso42001').requirements.some((r) => r.id === control && r.kind === 'annexA'))
      throw new ComplianceError(`${control} is not an ISO/IEC 42001 Annex A control`);
    const patch = parse(soaInputSchema, input, 'SoA entry');
    const before = this.store.soaGet(control);
    const applicable = patch.applicable ?? before?.applicable;
    const justification = patch.justification ?? before?.justification;
    if (applicable === undefined || !justification) throw new ComplianceError(`${control}: a new SoA entry needs applicability and a justification`);
    const after: SoaEntry = {
      control,
      applicable,
      justification,
      implementation: patch.implementation ?? before?.implementation ?? (applicable ? 'planned' : 'not-started'),
      evidence: patch.evidence ?? before?.evidence ?? [],
      updatedAt: this.now().toISOString(),
      updatedBy: this.actor,
    };
    this.store.soaPut(after);
    try {
      await this.audit.append(adminRecord(this.instance, this.actor, 'soa.set', `iso42001:${control}`, before ?? null, after));
    } catch (err) {
      // A change nobody can prove is not kept.
      if (before) this.store.soaPut(before);
      else this.store.soaDelete(control);
      throw err;
    }
    return after;
  }

  /** Records an attestation with its document (kept with its SHA-256). */
  async attest(input: unknown, document: { name: string; content: Buffer }): Promise<Attestation> {
    const a = parse(attestationInputSchema, input, 'attestation');
    if (!loadCatalog(a.framework).requirements.some((r) => r.id === a.requirement)) throw new ComplianceError(`${a.framework} has no requirement ${a.requirement}`);
    const now = this.now();
    if (Date.parse(a.expiresAt) <= now.getTime()) throw new ComplianceError(`expiry ${a.expiresAt} is not in the future`);
    const att: Attestation = {
      id: newId(),
      framework: a.framework,
      requirement: a.requirement,
      owner: a.owner,
      document: document.name,
      sha256: createHash('sha256').update(document.content).digest('hex'),
      expiresAt: a.expiresAt,
      ...(a.note ? { note: a.note } : {}),
      createdAt: now.toISOString(),
      createdBy: this.actor,
      revokedAt: null,
    };
    this.store.attestationCreate(att, document.content);
    try {
      await this.audit.append(adminRecord(this.instance, this.actor, 'attestation.create', `${a.framework}:${a.requirement}`, null, att, { attestation: att.id, sha256: att.sha256 }));
    } catch (err) {
      this.store.attestationDelete(att.id);
      throw err;
    }
    return att;
  }

  async revokeAttestation(id: string): Promise<Attestation> {
    const before = this.store.attestationGet(id);
    if (!before) throw new ComplianceError(`no attestation ${id}`);
    if (before.revokedAt) throw new ComplianceError(`attestation ${id} was revoked at ${before.revokedAt}`);
    const after = this.store.attestationRevoke(id, this.now().toISOString())!;
    try {
      await this.audit.append(adminRecord(this.instance, this.actor, 'attestation.revoke', `${after.framework}:${after.requirement}`, before, after, { attestation: id }));
    } catch (err) {
      this.store.attestationRevoke(id, null);
      throw err;
    }
    return after;
  }
}
