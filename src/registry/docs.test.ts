// docs/REGISTRY.md documents every record field, every CSV column and every registry command.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { Command } from 'commander';
import { packagePath } from '../core/paths.js';
import { aiSystemSchema, assessmentSchema, friaSchema, incidentSchema, riskSchema, supplierSchema } from './schemas.js';

const doc = readFileSync(packagePath('docs', 'REGISTRY.md'), 'utf8');

function fields(schema: unknown): string[] {
  let s = schema as { def: { type: string; shape?: Record<string, unknown>; in?: unknown; innerType?: unknown } };
  while (s.def.type !== 'object') s = (s.def.in ?? s.def.innerType) as typeof s;
  return Object.keys(s.def.shape!);
}

test('every record field is documented', () => {
  for (const schema of [aiSystemSchema, supplierSchema, riskSchema, assessmentSchema, friaSchema, incidentSchema])
    for (const f of fields(schema)) assert.ok(new RegExp(`\`${f}\`|\`${f},| ${f}\`| ${f},`).test(doc), `${f} is not in docs/REGISTRY.md`);
});

test('every registry CLI subcommand is documented', async () => {
  const io = { out: () => {}, err: () => {}, stdin: new PassThrough() };
  for (const name of ['systems', 'suppliers', 'risks', 'assessments', 'incidents', 'discover']) {
    const program = new Command('warden');
    (await import(`../cli/commands/${name}.js`)).define(program, io);
    const cmd = program.commands[0];
    const subs = cmd.commands.length ? cmd.commands.map((c) => `${name} ${c.name()}`) : [name];
    for (const s of subs) assert.ok(new RegExp(`warden ${s.replace(' ', '\\s')}|warden ${s.split(' ')[0]} [a-z|]*${s.split(' ')[1] ?? ''}`).test(doc), `warden ${s} is not in docs/REGISTRY.md`);
  }
});
