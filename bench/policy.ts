// Policy evaluation speed: 200 rules against a typical interaction, median µs per decision.
// Usage: npm run bench:policy   (tsx bench/policy.ts [--quick])
import { cpus, loadavg } from 'node:os';
import { compilePolicy, evaluate as evaluateIndexed, inputFromSpecs, loadPolicySource, sourceFromFiles, type CompiledPolicy, type PolicyInput } from '../src/policy/index.js';
import { packagePath } from '../src/core/paths.js';
import { evaluateEveryRule } from '../src/policy/evaluate.js';

const TYPES = ['US_SSN', 'CREDIT_CARD', 'IBAN_CODE', 'PHONE_NUMBER', 'IP_ADDRESS', 'US_PASSPORT', 'UK_NINO', 'MEDICAL_RECORD_NUMBER', 'CRYPTO_WALLET', 'SECRET:aws_access_key'];
const GROUPS = ['@pii', '@phi', '@pci', '@secrets', '@injection'];

/** 200 rules shaped like a large organisation's policy: mostly structured, one in eight with CEL. */
export function rules200(): string {
  const out: string[] = ['rules:'];
  for (let i = 0; i < 200; i++) {
    const id = `r${i}`;
    switch (i % 8) {
      case 0:
        out.push(`  - { id: ${id}, match: { findings: [{ types: ['${GROUPS[i % 5]}'], minScore: 0.8 }] }, action: block, controls: [iso42001:A.9.3] }`);
        break;
      case 1:
        out.push(`  - { id: ${id}, match: { systems: [system-${i}, 'team-${i}-*'], findings: ['${TYPES[i % 10]}'] }, action: redact, redact: { method: mask } }`);
        break;
      case 2:
        out.push(`  - { id: ${id}, match: { suppliers: [vendor-${i}], models: ['model-${i}*'] }, action: route, route: { supplier: onprem } }`);
        break;
      case 3:
        out.push(`  - { id: ${id}, match: { groups: [group-${i}], users: ['*@unit${i}.test'] }, action: warn }`);
        break;
      case 4:
        out.push(`  - { id: ${id}, direction: response, match: { tools: { names: [tool_${i}], arguments: '(?i)drop' } }, action: block }`);
        break;
      case 5:
        out.push(`  - { id: ${id}, match: { labels: [label-${i}] }, action: hold }`);
        break;
      case 6:
        out.push(`  - { id: ${id}, match: { findings: ['${TYPES[i % 10]}'] }, when: "supplier.public && !('payment' in system.dataCategories)", action: redact, redact: { method: tokenize } }`);
        break;
      case 7:
        out.push(`  - { id: ${id}, when: "messageCount > ${100 + i} || principal.user == 'blocked-${i}@corp.test'", action: block }`);
        break;
    }
  }
  return out.join('\n') + '\n';
}

/** A typical chat request: personal data found, a few tools offered, a short conversation. */
export function typicalInput(): PolicyInput {
  return inputFromSpecs({
    direction: 'request',
    principal: { user: 'ana@corp.test', groups: ['staff', 'support'] },
    system: { id: 'support-bot', dataCategories: ['personal'], allowedTools: ['search_kb', 'create_ticket'] },
    supplier: { id: 'openai', type: 'openai', public: true },
    model: 'gpt-4o',
    findings: [
      { type: 'EMAIL_ADDRESS', score: 0.99, start: 10, end: 30 },
      { type: 'PERSON', score: 0.85, start: 0, end: 8 },
      { type: 'PHONE_NUMBER', score: 0.7, start: 40, end: 52 },
    ],
    tools: ['search_kb', 'create_ticket'],
    messageCount: 6,
  });
}

/**
 * Median µs per evaluation over `batches` batches of `per` evaluations, after a warm-up: by the
 * wall clock, and by this process's CPU time (which holds on a machine shared with other work).
 */
function measure(p: CompiledPolicy, input: PolicyInput, batches: number, per: number, evaluate = evaluateIndexed): { wall: number; cpu: number; action: string; rules: number } {
  let d = evaluate(p, input);
  for (let i = 0; i < per * 5; i++) d = evaluate(p, input);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let b = 0; b < batches; b++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < per; i++) d = evaluate(p, input);
    wall.push(Number(process.hrtime.bigint() - t0) / 1000 / per);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / per);
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { wall: median(wall), cpu: median(cpu), action: d.action, rules: d.rules.length };
}

// Runs when executed (npm run bench:policy); importing it only gives the generators.
if (process.argv[1]?.endsWith('policy.ts')) main();

function main(): void {
  const quick = process.argv.includes('--quick');
  const [batches, per] = quick ? [21, 500] : [51, 2000];
  const input = typicalInput();
  const big = compilePolicy(sourceFromFiles([{ name: 'bench.yaml', content: rules200() }]));
  const empty = compilePolicy(sourceFromFiles([{ name: 'empty.yaml', content: 'rules: []\n' }]));
  const pack = compilePolicy(loadPolicySource(packagePath('policies', 'default')));

  console.log(`policy bench: node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} x${cpus().length}, load ${loadavg()[0].toFixed(1)}, ${batches} batches x ${per} evaluations`);
  let target = 0;
  for (const [name, p] of [['no rules (fixed cost)', empty], [`default pack (${pack.rules.length} rules)`, pack], [`${big.rules.length} rules, typical request`, big]] as const) {
    const r = measure(p, input, batches, per);
    if (p === big) target = r.wall;
    console.log(`${name.padEnd(30)} median ${r.wall.toFixed(2)} µs wall, ${r.cpu.toFixed(2)} µs cpu  (action ${r.action}, ${r.rules} rule(s) matched)`);
  }
  // The same 200 rules with every rule run (no index): the cost when no rule can be skipped.
  const all = measure(big, input, batches, per, evaluateEveryRule);
  console.log(`${'200 rules, every rule run'.padEnd(30)} median ${all.wall.toFixed(2)} µs wall, ${all.cpu.toFixed(2)} µs cpu  (action ${all.action}, ${all.rules} rule(s) matched)`);
  console.log(`target: 200 rules <= 20 µs median: ${target <= 20 ? 'met' : 'NOT met'} (${target.toFixed(2)} µs wall)`);
}
