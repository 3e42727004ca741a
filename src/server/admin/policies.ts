// Policy: the version in force, every version loaded (who, when), and a dry check of a change.
import { z } from 'zod';
import { compilePolicy, PolicyLoadError, sourceFromFiles, type CompiledPolicy } from '../../policy/index.js';
import { notFound, route, type AdminRoute } from './context.js';
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

export function policyRoutes(): AdminRoute[] {
  return [
    route({
      method: 'GET',
      path: '/policies/current',
      tag: 'policy',
      summary: 'The policy version in force on this gateway, with its rules',
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
      handler(call) {
        const v = call.deps.store.policyVersions.get(call.params.version);
        if (!v) throw notFound(`policy version ${call.params.version}`);
        return v;
      },
    }),
    route<z.infer<typeof policyCheckSchema>>({
      method: 'POST',
      path: '/policies/check',
      tag: 'policy',
      summary: 'Compile a set of policy files without loading it: problems with file, line and column, or the rules it would enforce',
      body: policyCheckSchema,
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
  ];
}
