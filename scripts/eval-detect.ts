// Measures the detection engine: precision, recall and F1 per entity type on the labelled corpus
// (test/corpus/detect/corpus.jsonl), the same corpus through redact-pii for comparison, prompt
// injection recall and false-positive rate on public sets, and recall on Presidio's synthetic set.
// Usage: npm run eval:detect [-- --markdown]  (WARDEN_PEER=off leaves the redact-pii column out)
import { readFileSync } from 'node:fs';
import { createDetectorSet } from '../src/detect/index.js';
import { packagePath } from '../src/core/paths.js';
import type { Finding } from '../src/core/types.js';
import { loadPeer } from './peer-redact-pii.js';

interface Span { type: string; start: number; end: number }
interface Item { id: string; kind: string; text: string; entities: Span[] }

const TESTDATA = process.env.WARDEN_TESTDATA ?? packagePath('..', 'shared', 'testdata');
const set = createDetectorSet();
const corpus: Item[] = readFileSync(packagePath('test', 'corpus', 'detect', 'corpus.jsonl'), 'utf8')
  .split('\n').filter(Boolean).map((l) => JSON.parse(l));

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
const f1 = (p: number, r: number) => (p + r ? (2 * p * r) / (p + r) : 0);
const fmt = (x: number) => (Number.isNaN(x) ? '—' : x.toFixed(3));

// 1. Typed precision / recall / F1 on the corpus.
const stats = new Map<string, { tp: number; fp: number; fn: number }>();
const stat = (t: string) => stats.get(t) ?? (stats.set(t, { tp: 0, fp: 0, fn: 0 }), stats.get(t)!);
const findingsById = new Map<string, Finding[]>();
let negTexts = 0;
let negWithFinding = 0;
const fpExamples: string[] = [];
const fnExamples: string[] = [];
for (const item of corpus) {
  const found = set.scan(item.text).filter((f) => f.type !== 'PROMPT_INJECTION' && f.type !== 'JAILBREAK');
  findingsById.set(item.id, found);
  const used = new Set<Finding>();
  for (const g of item.entities) {
    const hit = found.find((f) => f.type === g.type && overlaps(f, g) && !used.has(f));
    if (hit) {
      used.add(hit);
      stat(g.type).tp++;
    } else {
      stat(g.type).fn++;
      if (fnExamples.length < 400) fnExamples.push(`${g.type}: ${item.text.slice(g.start, g.end)} | ${item.text.slice(0, 120)}`);
    }
  }
  for (const f of found) {
    if (used.has(f)) continue;
    // A finding of another type on a gold span is a confusion: counted against the finding's type.
    stat(f.type).fp++;
    if (fpExamples.length < 400) fpExamples.push(`${f.type}: ${item.text.slice(f.start, f.end)} | ${item.text.slice(0, 120)}`);
  }
  if (item.entities.length === 0) {
    negTexts++;
    if (found.length) negWithFinding++;
  }
}

console.log(`# Warden detection evaluation (${new Date().toISOString().slice(0, 10)})\n`);
console.log(`Corpus: ${corpus.length} texts, ${corpus.filter((i) => i.entities.length).length} with a planted entity, ${negTexts} hard negatives.\n`);
console.log('| entity type | gold | TP | FP | FN | precision | recall | F1 |');
console.log('|---|---|---|---|---|---|---|---|');
for (const [type, s] of [...stats.entries()].sort()) {
  const p = s.tp / (s.tp + s.fp);
  const r = s.tp / (s.tp + s.fn);
  console.log(`| ${type} | ${s.tp + s.fn} | ${s.tp} | ${s.fp} | ${s.fn} | ${fmt(p)} | ${fmt(r)} | ${fmt(f1(p || 0, r || 0))} |`);
}
console.log(`\nHard-negative texts with any finding: ${negWithFinding}/${negTexts} (${((100 * negWithFinding) / negTexts).toFixed(2)}%)\n`);

// 2. Same corpus through redact-pii: value-level recall (was the value removed?) and
// the share of negative texts it changed. Warden is measured the same way alongside.
// redact-pii is not a dependency: scripts/peer-redact-pii.ts installs the pinned version on first use.
const loaded = loadPeer();
const peer = loaded.redactor;
if (!peer) console.log(`redact-pii comparison skipped: ${'reason' in loaded ? loaded.reason : ''}\n`);
if (peer) {
  const byType = new Map<string, { n: number; warden: number; peer: number }>();
  let peerNeg = 0;
  let wardenNeg = 0;
  for (const item of corpus) {
    const out = peer.redact(item.text);
    const found = findingsById.get(item.id)!;
    if (item.entities.length === 0) {
      if (out !== item.text) peerNeg++;
      if (found.length) wardenNeg++;
    }
    for (const g of item.entities) {
      const value = item.text.slice(g.start, g.end);
      const s = byType.get(g.type) ?? { n: 0, warden: 0, peer: 0 };
      s.n++;
      if (!out.includes(value)) s.peer++;
      if (found.some((f) => overlaps(f, g))) s.warden++;
      byType.set(g.type, s);
    }
  }
  console.log('Comparison on the same corpus: share of planted values caught (any label), and share of hard-negative texts flagged.\n');
  console.log('| entity type | values | Warden | redact-pii |');
  console.log('|---|---|---|---|');
  for (const [type, s] of [...byType.entries()].sort()) console.log(`| ${type} | ${s.n} | ${fmt(s.warden / s.n)} | ${fmt(s.peer / s.n)} |`);
  console.log(`| hard negatives flagged (lower is better) | ${negTexts} | ${fmt(wardenNeg / negTexts)} | ${fmt(peerNeg / negTexts)} |\n`);
}

// 3. Prompt injection on public sets and on benign business prompts.
const isAttack = (t: string) => set.scan(t).some((f) => f.type === 'PROMPT_INJECTION' || f.type === 'JAILBREAK');
function readLines(path: string): Array<{ text: string; label: number }> {
  try {
    return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  } catch {
    return [];
  }
}
const deepset = [...readLines(`${TESTDATA}/prompt-injection/deepset-train.jsonl`), ...readLines(`${TESTDATA}/prompt-injection/deepset-test.jsonl`)];
let wild: string[] = [];
try {
  wild = JSON.parse(readFileSync(`${TESTDATA}/prompt-injection/inthewild-jailbreaks.json`, 'utf8'));
} catch {
  /* set not present */
}
const benign = corpus.filter((i) => i.entities.length === 0).map((i) => i.text);
let presidio: Array<{ full_text: string; spans: Array<{ entity_type: string; start_position: number; end_position: number }> }> = [];
try {
  presidio = JSON.parse(readFileSync(`${TESTDATA}/pii/presidio-synth-v2.json`, 'utf8'));
} catch {
  /* set not present */
}
console.log('| injection set | texts | flagged | rate |');
console.log('|---|---|---|---|');
const rate = (texts: string[]) => {
  const n = texts.filter(isAttack).length;
  return `${texts.length} | ${n} | ${fmt(texts.length ? n / texts.length : NaN)}`;
};
if (deepset.length) {
  console.log(`| deepset injections (recall) | ${rate(deepset.filter((d) => d.label === 1).map((d) => d.text))} |`);
  console.log(`| deepset benign (false-positive rate) | ${rate(deepset.filter((d) => d.label === 0).map((d) => d.text))} |`);
}
if (wild.length) console.log(`| in-the-wild jailbreaks (recall) | ${rate(wild)} |`);
console.log(`| corpus hard negatives and benign prompts (false-positive rate) | ${rate(benign)} |`);
if (presidio.length) console.log(`| Presidio synthetic sentences (false-positive rate) | ${rate(presidio.map((p) => p.full_text))} |`);

// 4. Presidio's synthetic set: recall and precision for the types both sides name.
if (presidio.length) {
  const shared = ['CREDIT_CARD', 'EMAIL_ADDRESS', 'PHONE_NUMBER', 'IP_ADDRESS', 'US_SSN', 'IBAN_CODE', 'US_DRIVER_LICENSE', 'PERSON'];
  const s = new Map(shared.map((t) => [t, { tp: 0, fp: 0, fn: 0 }]));
  for (const p of presidio) {
    const found = set.scan(p.full_text);
    const gold = p.spans.filter((x) => shared.includes(x.entity_type)).map((x) => ({ type: x.entity_type, start: x.start_position, end: x.end_position }));
    for (const g of gold) (found.some((f) => f.type === g.type && overlaps(f, g)) ? s.get(g.type)!.tp++ : s.get(g.type)!.fn++);
    for (const f of found) if (s.has(f.type) && !gold.some((g) => g.type === f.type && overlaps(f, g))) s.get(f.type)!.fp++;
  }
  console.log('\nPresidio synthetic set (pii/presidio-synth-v2.json), shared types; PERSON needs NER and is best effort here:\n');
  console.log('| entity type | gold | precision | recall | F1 |');
  console.log('|---|---|---|---|---|');
  for (const [type, x] of s) {
    const p = x.tp / (x.tp + x.fp);
    const r = x.tp / (x.tp + x.fn);
    console.log(`| ${type} | ${x.tp + x.fn} | ${fmt(p)} | ${fmt(r)} | ${fmt(f1(p || 0, r || 0))} |`);
  }
}

if (process.argv.includes('--errors')) {
  console.log('\nFalse positives:\n' + fpExamples.join('\n'));
  console.log('\nFalse negatives:\n' + fnExamples.join('\n'));
}
