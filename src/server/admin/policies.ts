// Policy: the version in force, every version loaded (who, when), and a dry check of a change.
import { z } from 'zod';
import { ACTIONS } from '../../core/types.js';
import { diffPolicyFiles } from '../../policy/diff.js';
import { compilePolicy, explainDecision, lintPolicies, PolicyLoadError, runPolicyTests, sourceFromFiles, type CompiledPolicy } from '../../policy/index.js';
import { AdminError, notFound, route, type AdminDeps, type AdminRoute } from './context.js';
import { ruleHitSchema } from './audit-schemas.js';
import { policyVersionSchema } from './schemas.js';

const fileName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}\.ya?ml$/, 'a policy file name (*.yaml, *.yml)');
export const policyCheckSchema = z
  .object({
    files: z
      .array(z.object({ name: fileName, content: z.string().max(1 << 20) }).strict())
      .min(1)
      .max(200),
  })
  .strict();

const action = z.enum(ACTIONS);
const mode = z.enum(['enforce', 'monitor']);
const issueSchema = z.object({ file: z.string(), line: z.number().int(), column: z.number().int(), message: z.string() });

export const policySummarySchema = z.object({
  version: z.string(),
  files: z.array(z.string()),
  mode,
  rules: z.array(
    z.object({
      id: z.string(),
      file: z.string(),
      line: z.number().int(),
      description: z.string().optional(),
      enabled: z.boolean(),
      direction: z.enum(['request', 'response', 'any']),
      action,
      mode,
      controls: z.array(z.string()),
      when: z.string().optional().describe('the CEL condition'),
    }),
  ),
  warnings: z.array(issueSchema),
});

export const policyVersionFilesSchema = policyVersionSchema.extend({ files: z.array(z.object({ name: z.string(), content: z.string() })) });

export const policyCheckResultSchema = z.union([
  z.object({ ok: z.literal(true), version: z.string(), rules: z.number().int(), warnings: z.array(issueSchema), current: z.string() }),
  z.object({ ok: z.literal(false), version: z.string(), issues: z.array(issueSchema) }),
]);

export const decisionSchema = z.object({
  action,
  mode,
  rules: z.array(ruleHitSchema),
  policyVersion: z.string(),
  controls: z.array(z.string()),
  redact: z.object({ types: z.array(z.string()), method: z.enum(['mask', 'hash', 'tokenize']) }).optional(),
  route: z.object({ supplier: z.string().optional(), model: z.string().optional() }).optional(),
  stripTools: z.array(z.string()).optional(),
  message: z.string().optional(),
  hold: z.object({ waitMs: z.number(), timeoutMs: z.number(), validityMs: z.number(), reviewers: z.array(z.string()) }).optional(),
  monitorAction: action.optional().describe('what matched monitor-mode rules would have enforced, when stricter than action'),
});

export const explainBody = z
  .object({
    /** The sample text; scanned by the gateway's detectors, never stored or logged. */
    prompt: z.string().max(1 << 20),
    system: z.string().min(1).max(200).optional(),
    user: z.string().min(1).max(200).optional(),
    groups: z.array(z.string().max(200)).max(100).default([]),
    model: z.string().min(1).max(200).optional(),
    supplier: z.string().min(1).max(200).optional(),
    direction: z.enum(['request', 'response']).default('request'),
  })
  .strict();

export const explainResultSchema = z.object({
  input: z.object({
    direction: z.enum(['request', 'response']),
    user: z.string(),
    groups: z.array(z.string()),
    system: z.object({ id: z.string(), registered: z.boolean(), approved: z.boolean(), dataCategories: z.array(z.string()), allowedTools: z.array(z.string()).nullable() }),
    supplier: z.object({ id: z.string(), type: z.string(), registered: z.boolean(), approved: z.boolean(), public: z.boolean(), baa: z.boolean(), reviewOverdue: z.boolean() }),
    model: z.string(),
  }),
  findings: z
    .array(z.object({ type: z.string(), subtype: z.string().optional(), start: z.number().int(), end: z.number().int(), score: z.number(), detector: z.string() }))
    .describe('what the detectors found in the prompt: types and offsets, never the text'),
  rules: z.array(
    z.object({
      id: z.string(),
      file: z.string(),
      line: z.number().int(),
      column: z.number().int(),
      action,
      mode,
      enabled: z.boolean(),
      matched: z.boolean(),
      checks: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string() })),
      error: z.string().optional(),
      controls: z.array(z.string()),
    }),
  ),
  decision: decisionSchema,
});

export const policyDiffSchema = z.object({
  from: z.object({ version: z.string(), loadedAt: z.string(), loadedBy: z.string() }),
  to: z.object({ version: z.string(), loadedAt: z.string(), loadedBy: z.string() }),
  files: z.array(z.object({ name: z.string(), change: z.enum(['added', 'removed', 'changed', 'same']) })),
  diff: z.string().describe('unified diff (diff -u) of the files, a/ the first version, b/ the second; empty when they are the same'),
});

export const policyLintSchema = z.object({
  lint: z.object({ dir: z.string(), version: z.string().optional(), rules: z.number().int(), errors: z.array(issueSchema), warnings: z.array(issueSchema) }),
  tests: z
    .object({
      policyVersion: z.string(),
      passed: z.number().int(),
      failed: z.number().int(),
      results: z.array(z.object({ file: z.string(), line: z.number().int(), name: z.string(), passed: z.boolean(), failures: z.array(z.string()) })),
    })
    .nullable(),
  testsError: z.array(issueSchema).nullable().describe('why the tests could not run (no test files, a test file that does not load)'),
});

/** What a reader needs of a compiled policy: its version and its rules, without the compiled internals. */
function summary(p: CompiledPolicy) {
  return {
    version: p.version,
    files: p.files,
    mode: p.settings.mode,
    rules: p.rules.map((r) => ({
      id: r.id,
      file: r.file,
      line: r.line,
      description: r.description,
      enabled: r.enabled,
      direction: r.direction,
      action: r.action,
      mode: r.mode,
      controls: r.controls,
      ...(r.conditionSource ? { when: r.conditionSource } : {}),
    })),
    warnings: p.warnings,
  };
}

/** A stored policy version, or 404. */
function storedVersion(deps: AdminDeps, version: string) {
  const v = deps.store.policyVersions.get(version);
  if (!v) throw notFound(`policy version ${version}`);
  return v;
}

export function policyRoutes(): AdminRoute[] {
  return [
    route({
      method: 'GET',
      path: '/policies/current',
      tag: 'policy',
      summary: 'The policy version in force on this gateway, with its rules',
      response: policySummarySchema,
      handler: (call) => summary(call.deps.policy.current()),
    }),
    route({
      method: 'GET',
      path: '/policies/versions',
      tag: 'policy',
      summary: 'Every policy version loaded, with who loaded it and when',
      response: z.array(policyVersionSchema),
      handler: (call) => call.deps.store.policyVersions.list(),
    }),
    route({
      method: 'GET',
      path: '/policies/versions/:version',
      tag: 'policy',
      summary: 'One policy version with its files',
      response: policyVersionFilesSchema,
      handler(call) {
        return storedVersion(call.deps, call.params.version);
      },
    }),
    route<z.infer<typeof policyCheckSchema>>({
      method: 'POST',
      path: '/policies/check',
      tag: 'policy',
      summary: 'Compile a set of policy files without loading it: problems with file, line and column, or the rules it would enforce',
      body: policyCheckSchema,
      response: policyCheckResultSchema,
      handler(call) {
        const src = sourceFromFiles(call.body.files);
        try {
          const p = compilePolicy(src);
          return { ok: true, version: p.version, rules: p.rules.length, warnings: p.warnings, current: call.deps.policy.current().version };
        } catch (err) {
          if (err instanceof PolicyLoadError) return { ok: false, version: src.version, issues: err.issues };
          throw err;
        }
      },
    }),
    route<unknown>({
      method: 'GET',
      path: '/policies/versions/:version/diff/:other',
      tag: 'policy',
      summary: "A unified diff of two policy versions' files, with who loaded each and when",
      response: policyDiffSchema,
      handler(call) {
        const a = storedVersion(call.deps, call.params.version);
        const b = storedVersion(call.deps, call.params.other);
        const before = new Map(a.files.map((f) => [f.name, f.content]));
        const after = new Map(b.files.map((f) => [f.name, f.content]));
        const files = [...new Set([...before.keys(), ...after.keys()])].sort().map((name) => ({
          name,
          change: !before.has(name) ? ('added' as const) : !after.has(name) ? ('removed' as const) : before.get(name) === after.get(name) ? ('same' as const) : ('changed' as const),
        }));
        const info = (v: typeof a) => ({ version: v.version, loadedAt: v.loadedAt, loadedBy: v.loadedBy });
        return { from: info(a), to: info(b), files, diff: diffPolicyFiles(a.files, b.files) };
      },
    }),
    route({
      method: 'GET',
      path: '/policies/lint',
      tag: 'policy',
      summary: 'Lint the policy folder in force and run its policy tests (what `warden policy lint` and `warden policy test` report)',
      response: policyLintSchema,
      handler(call) {
        const current = call.deps.policy.current();
        const lint = lintPolicies(current.dir);
        try {
          const t = runPolicyTests(current.dir, { policy: current });
          // Decisions stay out, as in `warden policy test --json` without --verbose.
          const results = t.results.map(({ decision: _d, ...r }) => r);
          return { lint, tests: { policyVersion: t.policyVersion, passed: t.passed, failed: t.failed, results }, testsError: null };
        } catch (err) {
          if (err instanceof PolicyLoadError) return { lint, tests: null, testsError: err.issues };
          throw err;
        }
      },
    }),
    route<z.infer<typeof explainBody>>({
      method: 'POST',
      path: '/policies/explain',
      tag: 'policy',
      summary: 'Run the detectors on a sample prompt and explain the decision the policy in force would make (what `warden policy explain` shows); the prompt is neither stored nor logged',
      body: explainBody,
      response: explainResultSchema,
      async handler(call) {
        const sample = call.deps.sample;
        if (!sample) throw new AdminError('WARDEN_ADMIN_UNAVAILABLE', 'this gateway cannot explain samples (no detectors wired to the admin API)');
        const b = call.body;
        const system = b.system ?? sample.defaultSystem;
        if (!system) throw new AdminError('WARDEN_ADMIN_INVALID', 'name the AI system', [{ field: 'system', message: 'required: no AI system is configured' }]);
        const findings = await sample.scan([b.prompt]);
        const input = sample.input({ system, user: b.user ?? call.principal.user, groups: b.groups, model: b.model, supplier: b.supplier, direction: b.direction }, findings);
        const { decision, rules } = explainDecision(call.deps.policy.current(), input);
        return {
          input: { direction: input.direction, user: input.principal.user, groups: input.principal.groups, system: input.system, supplier: input.supplier, model: input.model },
          findings: findings.map((f) => ({ type: f.type, ...(f.subtype !== undefined ? { subtype: f.subtype } : {}), start: f.start, end: f.end, score: f.score, detector: f.detector })),
          rules,
          decision,
        };
      },
    }),
  ];
}
