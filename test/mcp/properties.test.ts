// Plant a card number anywhere in a tool call's arguments (any depth, a value or a key, inside
// prose or alone, in any common format): with a policy that redacts, the upstream never sees it.
import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startMcpWarden, streamableClient, type McpWarden } from './warden.js';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';

const CARDS = ['4111111111111111', '5500 0000 0000 0004', '3400-000000-00009', '6011 0000 0000 0004'];
const digits = (s: string) => s.replace(/\D/g, '');

let t: McpWarden;
let c: Client;
before(async () => {
  t = await startMcpWarden();
  c = await streamableClient(t.url, 'files', t.key);
});
after(async () => {
  await c?.close();
  await t?.close();
});

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
const word = fc.stringMatching(/^[a-z]{1,8}$/);
const leaf: fc.Arbitrary<Json> = fc.oneof(word, fc.integer({ min: 0, max: 999 }), fc.boolean(), fc.constant(null));
const tree: fc.Arbitrary<Json> = fc.letrec<{ node: Json }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(word, tie('node'), { maxKeys: 3 })),
})).node;

/** Puts `text` at a place chosen by `path` (a value, or a key when `asKey`), creating containers on the way. */
function plant(root: Record<string, Json>, path: number[], text: string, asKey: boolean): void {
  let node: Record<string, Json> | Json[] = root;
  for (const step of path) {
    if (Array.isArray(node)) {
      const next: Json[] = [];
      node.splice(step % (node.length + 1), 0, next);
      node = next;
    } else {
      const keys = Object.keys(node).filter((k) => node !== null && typeof (node as Record<string, Json>)[k] === 'object' && (node as Record<string, Json>)[k] !== null);
      const k = keys.length && step % 2 ? keys[step % keys.length] : `k${step}`;
      if (typeof (node as Record<string, Json>)[k] !== 'object' || (node as Record<string, Json>)[k] === null) (node as Record<string, Json>)[k] = step % 3 ? {} : [];
      node = (node as Record<string, Json>)[k] as Record<string, Json> | Json[];
    }
  }
  if (Array.isArray(node)) node.push(text);
  else if (asKey) node[text] = 'value';
  else node[`f${path.length}`] = text;
}

it('a card planted in any argument field never reaches the upstream tool unredacted', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.dictionary(word, tree, { maxKeys: 4 }),
      fc.array(fc.nat(20), { maxLength: 4 }),
      fc.constantFrom(...CARDS),
      fc.constantFrom('', 'card: ', 'please charge ', 'x '),
      fc.constantFrom('', ' thanks', ' exp 12/29'),
      fc.boolean(),
      async (args, path, card, pre, post, asKey) => {
        const planted = structuredClone(args) as Record<string, Json>;
        plant(planted, path, `${pre}${card}${post}`, asKey && pre === '');
        const before = t.upstream.bodies.length;
        await c.callTool({ name: 'free_form', arguments: planted });
        const sent = t.upstream.bodies.slice(before).map((b) => JSON.stringify(b));
        assert.ok(sent.length > 0, 'the call reached the upstream');
        for (const s of sent) assert.ok(!digits(s).includes(digits(card)), `card reached the upstream: ${s}`);
      },
    ),
    { numRuns: 60 },
  );
});
