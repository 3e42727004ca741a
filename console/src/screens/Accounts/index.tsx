// Accounts and tokens: local accounts (create, change role, disable, enable), API tokens (create,
// shown once; revoke) and Warden keys for the gateway (create, shown once; revoke). Admins change;
// auditors read. Forms check with the API's own schemas (src/changes/schemas.ts).
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { Button } from 'react-aria-components';
import { accountCreateSchema, keyCreateSchema, tokenCreateSchema } from '../../../../src/changes/schemas.js';
import { ROLES } from '../../../../src/store/accounts.js';
import { api, call } from '../../api/client';
import type { BodyOf, ResponseOf } from '../../api/types';
import { useAnnounce } from '../../components/Announcer';
import { Badge } from '../../components/Badge';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DataTable, type ColumnDef } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { ApiErrorMessage, EmptyState, QueryState } from '../../components/States';
import { TimeAgo } from '../../components/TimeAgo';
import { Can, useCan } from '../../auth/Can';
import { apiSchemaResolver, applyProblems, compact, list, msg, SelectInput, TextInput } from '../Records/form';
import { SecretOnce } from './SecretOnce';

type Account = ResponseOf<'/api/accounts', 'get'>[number];
type Token = ResponseOf<'/api/tokens', 'get'>[number];
type Key = ResponseOf<'/api/keys', 'get'>[number];
type Role = Account['role'];

const ROLE_OPTIONS = ROLES.map((r) => ({ id: r, label: r }));

// ---- accounts ----

interface AccountForm {
  user: string;
  role: Role;
  password: string;
}

function CreateAccount() {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [formError, setFormError] = useState<unknown>(null);
  const { register, handleSubmit, formState, setError, reset } = useForm<AccountForm, unknown, BodyOf<'/api/accounts', 'post'>>({
    defaultValues: { user: '', role: 'viewer', password: '' },
    resolver: apiSchemaResolver(accountCreateSchema, (f: AccountForm) => compact({ user: f.user.trim(), role: f.role, password: f.password })),
  });
  const create = useMutation({ mutationFn: (b: BodyOf<'/api/accounts', 'post'>) => call(api.POST('/api/accounts', { body: b })) });
  const e = formState.errors;
  return (
    <form
      className="form card"
      aria-labelledby="new-account-title"
      noValidate
      onSubmit={handleSubmit(async (body) => {
        setFormError(null);
        try {
          const a = await create.mutateAsync(body);
          reset();
          void qc.invalidateQueries({ queryKey: ['accounts'] });
          announce(`Account ${a.user} created with role ${a.role}`);
        } catch (err) {
          setFormError(applyProblems(err, setError, ['user', 'role', 'password']));
        }
      })}
    >
      <h3 id="new-account-title">New account</h3>
      <div className="grid grid-2">
        <TextInput label="User name" required autoComplete="off" error={msg(e.user)} {...register('user')} />
        <SelectInput label="Role" required options={ROLE_OPTIONS} error={msg(e.role)} {...register('role')} />
        <TextInput
          label="Password"
          type="password"
          autoComplete="new-password"
          error={msg(e.password)}
          hint="At least 12 characters. Leave empty for an account that only uses API tokens."
          {...register('password')}
        />
      </div>
      {formError ? <ApiErrorMessage error={formError} title="Account not created" /> : null}
      <button type="submit" className="button button-primary" disabled={formState.isSubmitting}>
        Create account
      </button>
    </form>
  );
}

function Accounts() {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const canPatch = useCan('PATCH /api/accounts/:user');
  const q = useQuery({ queryKey: ['accounts'], queryFn: () => call(api.GET('/api/accounts')) });
  const [roleFor, setRoleFor] = useState<{ account: Account; role: Role } | null>(null);
  const [toggle, setToggle] = useState<Account | null>(null);
  const [roleChoice, setRoleChoice] = useState<Record<string, Role>>({});
  const patch = useMutation({
    mutationFn: ({ user, body }: { user: string; body: BodyOf<'/api/accounts/{user}', 'patch'> }) => call(api.PATCH('/api/accounts/{user}', { params: { path: { user } }, body })),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['accounts'] }),
  });
  const cols: ColumnDef<Account>[] = [
    { id: 'user', name: 'User', isRowHeader: true, sortValue: (a) => a.user, render: (a) => a.user },
    { id: 'role', name: 'Role', sortValue: (a) => a.role, render: (a) => a.role },
    { id: 'state', name: 'State', sortValue: (a) => (a.disabled ? 1 : 0), render: (a) => <Badge value={a.disabled ? 'disabled' : 'enabled'} tone={a.disabled ? 'danger' : 'ok'} /> },
    { id: 'password', name: 'Password set', sortValue: (a) => a.passwordSetAt, render: (a) => (a.passwordSetAt ? <TimeAgo time={a.passwordSetAt} /> : 'no password (tokens only)') },
    { id: 'created', name: 'Created', sortValue: (a) => a.createdAt, render: (a) => <TimeAgo time={a.createdAt} /> },
  ];
  if (canPatch.allowed)
    cols.push({
      id: 'actions',
      name: 'Change',
      render: (a) => {
        const chosen = roleChoice[a.user] ?? a.role;
        return (
          <div className="button-row">
            <label className="visually-hidden" htmlFor={`role-${a.user}`}>
              New role for {a.user}
            </label>
            <select id={`role-${a.user}`} value={chosen} onChange={(e) => setRoleChoice({ ...roleChoice, [a.user]: e.target.value as Role })}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
            <Button className="button button-small" isDisabled={chosen === a.role} onPress={() => setRoleFor({ account: a, role: chosen })} aria-label={`Change role of ${a.user}`}>
              Change role
            </Button>
            <Button className={`button button-small ${a.disabled ? '' : 'button-danger'}`} onPress={() => setToggle(a)} aria-label={`${a.disabled ? 'Enable' : 'Disable'} ${a.user}`}>
              {a.disabled ? 'Enable' : 'Disable'}
            </Button>
          </div>
        );
      },
    });
  return (
    <section aria-labelledby="accounts-title">
      <h2 id="accounts-title">Accounts</h2>
      <QueryState query={q} loadingLabel="Loading accounts…">
        {(rows) => <DataTable label="Accounts" columns={cols} rows={rows} rowKey={(a) => a.user} empty={<EmptyState title="No local accounts" />} testId="accounts-table" />}
      </QueryState>
      <Can op="POST /api/accounts">
        <CreateAccount />
      </Can>
      <ConfirmDialog
        isOpen={!!roleFor}
        onOpenChange={(o) => !o && setRoleFor(null)}
        title={roleFor ? `Make ${roleFor.account.user} ${roleFor.role}?` : ''}
        confirmLabel="Change role"
        onConfirm={async () => {
          if (!roleFor) return;
          await patch.mutateAsync({ user: roleFor.account.user, body: { role: roleFor.role } });
          announce(`${roleFor.account.user} is now ${roleFor.role}`);
        }}
      >
        <p>Their sessions get the new role on their next request.</p>
      </ConfirmDialog>
      <ConfirmDialog
        isOpen={!!toggle}
        onOpenChange={(o) => !o && setToggle(null)}
        title={toggle ? `${toggle.disabled ? 'Enable' : 'Disable'} ${toggle.user}?` : ''}
        confirmLabel={toggle?.disabled ? 'Enable account' : 'Disable account'}
        tone={toggle?.disabled ? 'primary' : 'danger'}
        onConfirm={async () => {
          if (!toggle) return;
          await patch.mutateAsync({ user: toggle.user, body: { disabled: !toggle.disabled } });
          announce(`${toggle.user} ${toggle.disabled ? 'enabled' : 'disabled'}`);
        }}
      >
        <p>{toggle?.disabled ? 'They can sign in and use their API tokens again.' : 'They cannot sign in; their sessions end and their API tokens stop working until enabled again.'}</p>
      </ConfirmDialog>
    </section>
  );
}

// ---- tokens ----

interface TokenForm {
  user: string;
  role: Role;
  name: string;
  expiresInDays: string;
}

function CreateToken({ onSecret }: { onSecret: (s: string) => void }) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [formError, setFormError] = useState<unknown>(null);
  const { register, handleSubmit, formState, setError, reset } = useForm<TokenForm, unknown, BodyOf<'/api/tokens', 'post'>>({
    defaultValues: { user: '', role: 'auditor', name: '', expiresInDays: '90' },
    resolver: apiSchemaResolver(tokenCreateSchema, (f: TokenForm) =>
      compact({ user: f.user.trim(), role: f.role, name: f.name.trim(), expiresInDays: f.expiresInDays.trim() === '' ? undefined : Number(f.expiresInDays) }),
    ),
  });
  const e = formState.errors;
  return (
    <form
      className="form card"
      aria-labelledby="new-token-title"
      noValidate
      onSubmit={handleSubmit(async (body) => {
        setFormError(null);
        try {
          const t = await call(api.POST('/api/tokens', { body }));
          reset();
          void qc.invalidateQueries({ queryKey: ['tokens'] });
          announce(`API token ${t.id} created for ${t.user}`);
          onSecret(t.token);
        } catch (err) {
          setFormError(applyProblems(err, setError, ['user', 'role', 'name', 'expiresInDays']));
        }
      })}
    >
      <h3 id="new-token-title">New API token</h3>
      <div className="grid grid-2">
        <TextInput label="Token user" required error={msg(e.user)} hint="A person or a service (e.g. siem)." {...register('user')} />
        <SelectInput label="Token role" required options={ROLE_OPTIONS} error={msg(e.role)} {...register('role')} />
        <TextInput label="Token name" error={msg(e.name)} hint="What it is for." {...register('name')} />
        <TextInput label="Expires in days" inputMode="numeric" error={msg(e.expiresInDays)} hint="Empty: never expires." {...register('expiresInDays')} />
      </div>
      {formError ? <ApiErrorMessage error={formError} title="Token not created" /> : null}
      <button type="submit" className="button button-primary" disabled={formState.isSubmitting}>
        Create token
      </button>
    </form>
  );
}

function tokenState(t: { revokedAt: string | null; expiresAt?: string | null }): { value: string; tone: string } {
  if (t.revokedAt) return { value: 'revoked', tone: 'danger' };
  if (t.expiresAt && Date.parse(t.expiresAt) < Date.now()) return { value: 'expired', tone: 'warn' };
  return { value: 'active', tone: 'ok' };
}

function Tokens({ onSecret }: { onSecret: (s: string) => void }) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const canRevoke = useCan('DELETE /api/tokens/:id');
  const [all, setAll] = useState(false);
  const [revoking, setRevoking] = useState<Token | null>(null);
  const q = useQuery({ queryKey: ['tokens', all], queryFn: () => call(api.GET('/api/tokens', { params: { query: all ? { all: 'true' } : {} } })) });
  const cols: ColumnDef<Token>[] = [
    { id: 'id', name: 'Token', isRowHeader: true, sortValue: (t) => t.id, render: (t) => <span className="mono">{t.id}</span> },
    { id: 'name', name: 'Name', sortValue: (t) => t.name, render: (t) => t.name ?? '' },
    { id: 'user', name: 'User', sortValue: (t) => t.user, render: (t) => t.user },
    { id: 'role', name: 'Role', sortValue: (t) => t.role, render: (t) => (t.roles?.length ? t.roles.join(', ') : t.role) },
    { id: 'kind', name: 'Kind', sortValue: (t) => t.kind, render: (t) => (t.kind === 'api' ? 'API token' : 'session') },
    { id: 'expires', name: 'Expires', sortValue: (t) => t.expiresAt, render: (t) => (t.expiresAt ? <TimeAgo time={t.expiresAt} /> : 'never') },
    { id: 'state', name: 'State', render: (t) => <Badge {...tokenState(t)} /> },
  ];
  if (canRevoke.allowed)
    cols.push({
      id: 'actions',
      name: 'Revoke',
      render: (t) =>
        t.revokedAt ? null : (
          <Button className="button button-small button-danger" onPress={() => setRevoking(t)} aria-label={`Revoke token ${t.name ?? t.id}`}>
            Revoke
          </Button>
        ),
    });
  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">API and session tokens</h2>
      <div className="field field-check">
        <input id="tokens-all" type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
        <label htmlFor="tokens-all">Show revoked and expired tokens too</label>
      </div>
      <QueryState query={q} loadingLabel="Loading tokens…">
        {(rows) => <DataTable label="Tokens" columns={cols} rows={rows} rowKey={(t) => t.id} empty={<EmptyState title="No tokens" />} testId="tokens-table" />}
      </QueryState>
      <Can op="POST /api/tokens">
        <CreateToken onSecret={onSecret} />
      </Can>
      <ConfirmDialog
        isOpen={!!revoking}
        onOpenChange={(o) => !o && setRevoking(null)}
        title={revoking ? `Revoke token ${revoking.name ?? revoking.id}?` : ''}
        confirmLabel="Revoke token"
        tone="danger"
        onConfirm={async () => {
          if (!revoking) return;
          await call(api.DELETE('/api/tokens/{id}', { params: { path: { id: revoking.id } } }));
          void qc.invalidateQueries({ queryKey: ['tokens'] });
          announce(`Token ${revoking.id} revoked`);
        }}
      >
        <p>
          It stops working on its next request ({revoking?.user}, {revoking?.role}). The revocation is kept in the audit log with your name.
        </p>
      </ConfirmDialog>
    </section>
  );
}

// ---- keys ----

interface KeyForm {
  user: string;
  system: string;
  groups: string;
}

function CreateKey({ onSecret }: { onSecret: (s: string) => void }) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [formError, setFormError] = useState<unknown>(null);
  const { register, handleSubmit, formState, setError, reset } = useForm<KeyForm, unknown, BodyOf<'/api/keys', 'post'>>({
    defaultValues: { user: '', system: '', groups: '' },
    resolver: apiSchemaResolver(keyCreateSchema, (f: KeyForm) => ({ user: f.user.trim(), system: f.system.trim(), groups: list(f.groups) })),
  });
  const e = formState.errors;
  return (
    <form
      className="form card"
      aria-labelledby="new-key-title"
      noValidate
      onSubmit={handleSubmit(async (body) => {
        setFormError(null);
        try {
          const k = await call(api.POST('/api/keys', { body }));
          reset();
          void qc.invalidateQueries({ queryKey: ['keys'] });
          announce(`Warden key ${k.id} created for ${k.user} on ${k.system}`);
          onSecret(k.key);
        } catch (err) {
          setFormError(applyProblems(err, setError, ['user', 'system', 'groups']));
        }
      })}
    >
      <h3 id="new-key-title">New Warden key</h3>
      <div className="grid grid-2">
        <TextInput label="Key user" required error={msg(e.user)} hint="The person or service whose requests it carries." {...register('user')} />
        <TextInput label="AI system id" required error={msg(e.system)} {...register('system')} />
        <TextInput label="Groups" error={msg(e.groups)} hint="Comma-separated." {...register('groups')} />
      </div>
      {formError ? <ApiErrorMessage error={formError} title="Key not created" /> : null}
      <button type="submit" className="button button-primary" disabled={formState.isSubmitting}>
        Create key
      </button>
    </form>
  );
}

function Keys({ onSecret }: { onSecret: (s: string) => void }) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const canRevoke = useCan('DELETE /api/keys/:id');
  const [revoking, setRevoking] = useState<Key | null>(null);
  const q = useQuery({ queryKey: ['keys'], queryFn: () => call(api.GET('/api/keys', { params: { query: { all: 'true' } } })) });
  const cols: ColumnDef<Key>[] = [
    { id: 'id', name: 'Key', isRowHeader: true, sortValue: (k) => k.id, render: (k) => <span className="mono">{k.id}</span> },
    { id: 'user', name: 'User', sortValue: (k) => k.user, render: (k) => k.user },
    { id: 'system', name: 'AI system', sortValue: (k) => k.system, render: (k) => k.system },
    { id: 'groups', name: 'Groups', render: (k) => k.groups.join(', ') },
    { id: 'created', name: 'Created', sortValue: (k) => k.createdAt, render: (k) => <TimeAgo time={k.createdAt} /> },
    { id: 'state', name: 'State', render: (k) => <Badge {...tokenState(k)} /> },
  ];
  if (canRevoke.allowed)
    cols.push({
      id: 'actions',
      name: 'Revoke',
      render: (k) =>
        k.revokedAt ? null : (
          <Button className="button button-small button-danger" onPress={() => setRevoking(k)} aria-label={`Revoke key ${k.id}`}>
            Revoke
          </Button>
        ),
    });
  return (
    <section aria-labelledby="keys-title">
      <h2 id="keys-title">Warden keys</h2>
      <p className="field-hint">The keys applications send to the gateway in place of a supplier's API key.</p>
      <QueryState query={q} loadingLabel="Loading keys…">
        {(rows) => <DataTable label="Warden keys" columns={cols} rows={rows} rowKey={(k) => k.id} empty={<EmptyState title="No Warden keys" />} />}
      </QueryState>
      <Can op="POST /api/keys">
        <CreateKey onSecret={onSecret} />
      </Can>
      <ConfirmDialog
        isOpen={!!revoking}
        onOpenChange={(o) => !o && setRevoking(null)}
        title={revoking ? `Revoke key ${revoking.id}?` : ''}
        confirmLabel="Revoke key"
        tone="danger"
        onConfirm={async () => {
          if (!revoking) return;
          await call(api.DELETE('/api/keys/{id}', { params: { path: { id: revoking.id } } }));
          void qc.invalidateQueries({ queryKey: ['keys'] });
          announce(`Key ${revoking.id} revoked`);
        }}
      >
        <p>
          Every gateway on the same data refuses it within a second: {revoking?.user}'s requests for {revoking?.system} stop.
        </p>
      </ConfirmDialog>
    </section>
  );
}

export default function AccountsScreen() {
  const [secret, setSecret] = useState<{ title: string; value: string } | null>(null);
  const canTokens = useCan('GET /api/tokens');
  const canKeys = useCan('GET /api/keys');
  return (
    <>
      <PageHeader title="Accounts and tokens" description="Who may sign in to Warden and with which role, the API tokens services use, and the Warden keys applications send to the gateway." />
      <Accounts />
      {canTokens.allowed ? <Tokens onSecret={(value) => setSecret({ title: 'Your new API token', value })} /> : null}
      {canKeys.allowed ? <Keys onSecret={(value) => setSecret({ title: 'Your new Warden key', value })} /> : null}
      <SecretOnce title={secret?.title ?? ''} secret={secret?.value ?? null} onClose={() => setSecret(null)} />
    </>
  );
}
