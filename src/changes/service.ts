// Every admin change goes through here, whether the admin API or the CLI asks for it: the change
// is made, recorded in the audit log as an admin record (who, what, why, hashes of the state
// before and after), and undone when the log refuses the record. A change nobody can prove is
// not kept, and the caller gets WARDEN_ADMIN_UNAVAILABLE.
import { adminRecord } from '../core/admin.js';
import type { AuditRecord } from '../core/types.js';
import { ComplianceError, ComplianceService } from '../compliance/service.js';
import type { Attestation, SoaEntry } from '../compliance/types.js';
import { RegistryError } from '../registry/errors.js';
import { RegistryService } from '../registry/service.js';
import type { RiskScale } from '../registry/risk.js';
import { hashPassword } from '../server/admin/passwords.js';
import type { AccountRecord, KeyRecord, KillSwitchRecord, ReviewRecord, Store, TokenRecord } from '../store/types.js';
import { ChangeError, conflict, notFound } from './errors.js';
import {
  accountCreateSchema,
  accountPatchSchema,
  keyCreateSchema,
  killResumeSchema,
  killSetSchema,
  parseInput,
  reviewDecisionSchema,
  tokenCreateSchema,
} from './schemas.js';

/** Who makes a change, and how they were named (`--actor`, `WARDEN_ACTOR`, `os-user`, `api-token`, `session`, `oidc`). */
export interface Actor {
  /** As written in the record's `actor`: `cli:alice`, `api:alice`, `oidc:alice`. */
  name: string;
  via: string;
}

export interface ChangeDeps {
  store: Store;
  /** `append` resolves once the record is durable. */
  audit: { append(rec: AuditRecord): Promise<unknown> };
  /** Names the process in each record (`cli:<pid>`, a gateway's instance id). */
  instance: string;
  actor: Actor;
  /** Where a refused append is reported with its cause (the caller only gets the code). */
  log?: { error(obj: object, msg: string): void };
  riskScale?: RiskScale;
}

/** Registry and compliance errors as change errors; other errors are returned as they are. */
export function asChangeError(err: unknown): unknown {
  if (err instanceof RegistryError) {
    const code = err.kind === 'invalid' ? 'WARDEN_ADMIN_INVALID' : err.kind === 'not_found' ? 'WARDEN_ADMIN_NOT_FOUND' : 'WARDEN_ADMIN_CONFLICT';
    return new ChangeError(code, err.message, err.problems.map((p) => ({ field: p.field, message: p.message, ...(p.line ? { line: p.line } : {}) })));
  }
  if (err instanceof ComplianceError)
    return new ChangeError(/^no |is not an ISO|has no requirement/.test(err.message) ? 'WARDEN_ADMIN_NOT_FOUND' : 'WARDEN_ADMIN_INVALID', err.message);
  return err;
}

/** The one service of admin changes: keys, tokens, accounts, kill switches, reviews, registry records, SoA, attestations. */
export class AdminChanges {
  /** The audit log as the registry and compliance services see it: every record names how its actor was named, a refusal is a ChangeError. */
  private readonly sink: { append(rec: AuditRecord): Promise<unknown> };
  private registryService?: RegistryService;
  private complianceService?: ComplianceService;

  constructor(private readonly deps: ChangeDeps) {
    this.sink = {
      append: async (rec) => {
        const r = rec as AuditRecord & { op?: string; detail?: Record<string, unknown> };
        const stamped = r.kind === 'admin' ? { ...r, detail: { ...r.detail, actorVia: deps.actor.via } } : r;
        try {
          return await deps.audit.append(stamped as AuditRecord);
        } catch (err) {
          deps.log?.error({ err: (err as Error).message, op: r.op }, 'admin change could not be recorded');
          throw new ChangeError('WARDEN_ADMIN_UNAVAILABLE', undefined, [], { cause: err });
        }
      },
    };
  }

  get actor(): Actor {
    return this.deps.actor;
  }

  private get store(): Store {
    return this.deps.store;
  }

  /**
   * Records a change already made; when the log refuses the record, `undo` takes the change back
   * and the refusal is thrown. `reason`, where given, is in the record's detail in clear.
   */
  private async commit(op: string, target: string, before: unknown, after: unknown, undo: () => void, detail: Record<string, unknown> = {}, reason?: string): Promise<void> {
    const rec = adminRecord(this.deps.instance, this.deps.actor.name, op, target, before ?? null, after ?? null, { ...(reason ? { reason } : {}), ...detail });
    try {
      await this.sink.append(rec);
    } catch (err) {
      try {
        undo();
      } catch (undoErr) {
        this.deps.log?.error({ err: (undoErr as Error).message, op }, 'an unrecorded admin change could not be undone');
      }
      throw err;
    }
  }

  // ---- Warden keys ----

  /** A new Warden key; the secret is in this answer only. */
  async createKey(input: unknown): Promise<{ key: string; record: KeyRecord }> {
    const k = parseInput(keyCreateSchema, input, 'key');
    const made = this.store.keys.create(k);
    await this.commit('key.create', made.record.id, null, made.record, () => this.store.keys.revoke(made.record.id));
    return made;
  }

  async revokeKey(id: string, reason?: string): Promise<KeyRecord> {
    const r = this.store.keys.revoke(id);
    if (!r) throw notFound(`key ${id}`);
    if (r.before.revokedAt) throw conflict(`key ${id} was already revoked at ${r.before.revokedAt}`);
    await this.commit('key.revoke', id, r.before, r.after, () => this.store.keys.unrevoke(id), {}, reason);
    return r.after;
  }

  // ---- Admin API tokens ----

  /** A new API token; the secret is in this answer only. */
  async createToken(input: unknown): Promise<{ token: string; record: TokenRecord }> {
    const { user, role, name, expiresInDays } = parseInput(tokenCreateSchema, input, 'token');
    const accounts = this.store.accounts;
    if (accounts.get(user)?.disabled) throw conflict(`account ${user} is disabled`);
    const expiresAt = expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000).toISOString() : null;
    const made = accounts.createToken({ kind: 'api', user, role, name, createdBy: this.deps.actor.name, expiresAt });
    await this.commit('token.create', made.record.id, null, made.record, () => accounts.revokeToken(made.record.id));
    return made;
  }

  async revokeToken(id: string, reason?: string): Promise<TokenRecord> {
    const accounts = this.store.accounts;
    const r = accounts.revokeToken(id);
    if (!r) throw notFound(`token ${id}`);
    if (r.before.revokedAt) throw conflict(`token ${id} was already revoked at ${r.before.revokedAt}`);
    await this.commit('token.revoke', id, r.before, r.after, () => accounts.unrevokeToken(id), {}, reason);
    return r.after;
  }

  // ---- Local accounts ----

  async createAccount(input: unknown): Promise<AccountRecord> {
    const { user, role, password } = parseInput(accountCreateSchema, input, 'account');
    const accounts = this.store.accounts;
    if (accounts.get(user)) throw conflict(`account ${user} exists`);
    const rec = accounts.create({ user, role, passwordHash: password ? await hashPassword(password) : null });
    if (!rec) throw conflict(`account ${user} exists`);
    await this.commit('account.create', user, null, rec, () => accounts.remove(user));
    return rec;
  }

  /**
   * Changes role, disabled or password; disabling or a new password ends the account's sessions
   * (they stay ended if the change is undone). With `keepAnAdmin`, the last enabled admin cannot
   * be disabled or demoted (the API; the CLI on the server is the way back in).
   */
  async updateAccount(user: string, input: unknown, opts: { keepAnAdmin?: boolean; reason?: string } = {}): Promise<AccountRecord> {
    const change = parseInput(accountPatchSchema, input, 'account change');
    const { role, disabled, password } = change;
    const accounts = this.store.accounts;
    const current = accounts.get(user);
    if (!current) throw notFound(`account ${user}`);
    const leavesAdmin = current.role === 'admin' && !current.disabled && (disabled === true || (role !== undefined && role !== 'admin'));
    if (opts.keepAnAdmin && leavesAdmin && !accounts.list().some((a) => a.user !== user && a.role === 'admin' && !a.disabled))
      throw conflict(`${user} is the last enabled admin account; make another admin first (or use \`warden accounts\` on the server)`);
    const saved = accounts.saveState(user);
    const r = accounts.update(user, { role, disabled, ...(password !== undefined ? { passwordHash: await hashPassword(password) } : {}) });
    if (!r) throw notFound(`account ${user}`);
    const ended = disabled || password !== undefined ? accounts.revokeTokensOf(user, 'session') : 0;
    const fields = Object.keys(change).filter((k) => change[k as keyof typeof change] !== undefined);
    await this.commit('account.update', user, r.before, r.after, () => accounts.restoreState(saved), { fields, ...(ended ? { sessionsEnded: ended } : {}) }, opts.reason);
    return r.after;
  }

  // ---- Kill switches ----

  /** Suspends a target: running gateways on the same data stop its traffic within a second. */
  async setKill(input: unknown): Promise<KillSwitchRecord> {
    const { scope, target, reason } = parseInput(killSetSchema, input, 'kill switch');
    const t = scope === 'all' ? '*' : target!;
    const switches = this.store.killSwitches;
    const r = switches.set(scope, t, reason, this.deps.actor.name);
    if (!r.created) throw conflict(`${scope} ${t} is already suspended since ${r.record.setAt}: ${r.record.reason}`);
    await this.commit('kill.set', `${scope}:${t}`, null, r.record, () => switches.remove(r.record.id), {}, reason);
    return r.record;
  }

  /** Lifts the active kill switch on a target; traffic does not resume on a change nobody can prove. */
  async resumeKill(input: unknown): Promise<KillSwitchRecord> {
    const { scope, target, reason } = parseInput(killResumeSchema, input, 'kill switch');
    const t = scope === 'all' ? '*' : target!;
    const switches = this.store.killSwitches;
    const r = switches.resume(scope, t, this.deps.actor.name);
    if (!r) throw notFound(`active kill switch on ${scope} ${t}`);
    await this.commit('kill.resume', `${scope}:${t}`, r.before, r.after, () => switches.unresume(r.after.id), {}, reason);
    return r.after;
  }

  // ---- Review queue ----

  /** Approves or denies a held request in the actor's name. */
  async decideReview(id: string, status: 'approved' | 'denied', input: unknown): Promise<ReviewRecord> {
    const { reason } = parseInput(reviewDecisionSchema, input, 'review decision');
    const reviews = this.store.reviews;
    const r = reviews.decide(id, status, this.deps.actor.name, reason);
    if (!r) {
      const cur = reviews.get(id);
      throw cur ? conflict(`review ${id} is ${cur.status}, not pending`) : notFound(`review ${id}`);
    }
    await this.commit(status === 'approved' ? 'review.approve' : 'review.deny', id, r.before, r.after, () => reviews.undecide(r.before), { decision: r.after.decisionId }, reason);
    return r.after;
  }

  // ---- Registry: systems, suppliers, risks, assessments, incidents ----

  /** The registry in the actor's name; its changes are undone when the log refuses them. */
  get registry(): RegistryService {
    return (this.registryService ??= new RegistryService(this.store.registry, this.sink, this.deps.actor.name, this.deps.instance, { riskScale: this.deps.riskScale }));
  }

  // ---- Statement of Applicability and attestations ----

  private get compliance(): ComplianceService {
    return (this.complianceService ??= new ComplianceService(this.store.compliance, this.sink, this.deps.actor.name, this.deps.instance));
  }

  async setSoa(control: string, input: unknown): Promise<SoaEntry> {
    return mapped(() => this.compliance.setSoa(control, input));
  }

  async attest(input: unknown, document: { name: string; content: Buffer }): Promise<Attestation> {
    return mapped(() => this.compliance.attest(input, document));
  }

  async revokeAttestation(id: string): Promise<Attestation> {
    return mapped(() => this.compliance.revokeAttestation(id));
  }

  // ---- Evidence packs ----

  /** Records an evidence pack made in the actor's name; `remove` deletes it when the log refuses the record. */
  async recordEvidencePack(pack: { id: string; framework: string; from: string; to: string; sha256: string }, remove: () => void): Promise<void> {
    await this.commit('evidence.pack', pack.id, null, pack, remove, { framework: pack.framework, from: pack.from, to: pack.to, sha256: pack.sha256 });
  }
}

async function mapped<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw asChangeError(err);
  }
}
