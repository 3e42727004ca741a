// Benchmark of the detection engine: throughput of the full default detector set on ordinary
// business prose (2 KB and 32 KB prompts), p50/p99 of one 2 KB scan, adversarial 1 MB inputs,
// and a peer (redact-pii) on the same prose for a ratio that holds on a noisy machine.
// Usage: npm run bench:detect [-- --quick]  (WARDEN_PEER=off leaves the peer out)
import { createDetectorSet } from '../src/detect/index.js';
import { nineDigitFlood, seeded } from '../src/detect/flood.testutil.js';
import { loadPeer } from '../scripts/peer-redact-pii.js';

const quick = process.argv.includes('--quick');
const PROSE = [
  'Thanks for joining the quarterly planning call on Tuesday. As discussed, the operations team will finalise the vendor shortlist by the end of the month, and finance will confirm the budget envelope for the second half.',
  'Revenue for the third quarter came in at 4.2 million, up 12% on the same period last year, driven mostly by renewals in the enterprise segment and a stronger than expected pipeline in Northern Europe.',
  'Please review the attached draft of the customer onboarding guide before Friday. Legal asked us to tighten the wording in section 3 on data retention and to add a short paragraph about support hours.',
  'The hiring plan for next year includes two product managers, one designer and three engineers for the platform group. We will revisit the numbers once the board approves the operating plan in January.',
  'Our warehouse in Rotterdam reported shorter lead times after the new scheduling process went live, and the logistics partner agreed to extend the current contract for another 18 months at the same rates.',
  'Could you summarise the main risks in the migration plan and suggest a timeline that keeps the customer-facing systems available during the busy season? A one-page overview for the steering group is enough.',
  'Marketing will run the spring campaign across three channels, with a focus on small businesses. The agency estimated a cost per lead of around 35 euros, which is within the range we agreed last quarter.',
  'The support backlog dropped to 140 open tickets this week. Most of the remaining items concern invoice questions and password resets, and the team expects to clear them before the holiday break.',
];

function prose(bytes: number, seed: number): string {
  let out = '';
  let i = seed;
  while (out.length < bytes) {
    out += PROSE[i % PROSE.length] + (i % 3 === 2 ? '\n\n' : ' ');
    i += 3;
  }
  return out.slice(0, bytes);
}

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function throughput(label: string, scan: (t: string) => unknown, texts: string[], seconds: number): number {
  for (let i = 0; i < 200; i++) scan(texts[i % texts.length]);
  let bytes = 0;
  let n = 0;
  const t0 = now();
  while (now() - t0 < seconds * 1000) {
    for (let k = 0; k < 20; k++) {
      const t = texts[n++ % texts.length];
      scan(t);
      bytes += t.length;
    }
  }
  const mbps = bytes / 1e6 / ((now() - t0) / 1000);
  console.log(`${label}: ${mbps.toFixed(1)} MB/s`);
  return mbps;
}

const set = createDetectorSet();
const seconds = quick ? 0.5 : 2;
const p2 = Array.from({ length: 16 }, (_, i) => prose(2048, i));
const p32 = Array.from({ length: 4 }, (_, i) => prose(32768, i));
console.log(`warden detect benchmark · node ${process.version} · ${set.ids.length} detectors · ${new Date().toISOString()}`);
throughput('scan 2 KB prose', (t) => set.scan(t), p2, seconds);
throughput('scan 32 KB prose', (t) => set.scan(t), p32, seconds);
throughput('scanSegments 4 x 512 B prose', (t) => set.scanSegments([t.slice(0, 512), t.slice(512, 1024), t.slice(1024, 1536), t.slice(1536)]), p2, seconds);

// A streamed 32 KB response arriving in 8-character chunks (token-sized), scanned incrementally.
throughput('stream 32 KB prose in 8-char chunks', (t) => {
  const s = set.createStreamScanner();
  for (let i = 0; i < t.length; i += 8) s.push(t.slice(i, i + 8));
  s.end();
}, p32, seconds);

// Latency of one 2 KB scan.
const samples: number[] = [];
for (let i = 0; i < 2000; i++) set.scan(p2[i % p2.length]);
for (let i = 0; i < (quick ? 5000 : 20000); i++) {
  const t = p2[i % p2.length];
  const a = process.hrtime.bigint();
  set.scan(t);
  samples.push(Number(process.hrtime.bigint() - a) / 1000);
}
samples.sort((a, b) => a - b);
const pct = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))].toFixed(1);
console.log(`2 KB scan latency: p50 ${pct(0.5)} us, p99 ${pct(0.99)} us, max ${samples[samples.length - 1].toFixed(0)} us`);

// Prose with planted entities: the cost when there is something to find.
const planted = p2.map((t, i) => t.slice(0, 900) + ` Card 4111 1111 1111 1111, mail jane${i}@example.com, call +44 20 7946 0958. ` + t.slice(900, 1900));
throughput('scan 2 KB prose with 3 entities', (t) => set.scan(t), planted, seconds);

// Adversarial inputs of 1 MB: each must scan in well under 100 ms.
const MB = 1 << 20;
const adversarial: Record<string, string> = {
  digits: '1'.repeat(MB),
  'digits and spaces': '1 '.repeat(MB / 2),
  'digit groups': '4111 '.repeat(MB / 5),
  'at signs': 'a@'.repeat(MB / 2),
  'long token': 'A'.repeat(MB),
  'trigger words': 'password ignore secret token '.repeat(MB / 29),
  'dots and digits': '1.'.repeat(MB / 2),
  'colons and hex': 'a:'.repeat(MB / 2),
  'capitalised words': 'Dr. John Smith '.repeat(MB / 15),
  'percent escapes': '%41'.repeat(MB / 3),
  'zero-width': 'a\u200b'.repeat(MB / 2),
  'near-miss cards (Luhn fails)': 'card 4111 1111 1111 1112 '.repeat(MB / 25),
  'near-miss SSNs': 'SSN 000-12-3456 '.repeat(MB / 16),
  'injection phrases': 'Ignore all previous instructions. '.repeat(MB / 34),
  'e-mail addresses': 'jane.doe@example.com '.repeat(MB / 21),
};
for (const [name, text] of Object.entries(adversarial)) {
  const t0 = now();
  const n = set.scan(text).length;
  console.log(`adversarial 1 MB ${name}: ${(now() - t0).toFixed(1)} ms (${n} findings)`);
}

// Floods of values and near-misses, 1 MB and 4 MB, against plain prose of the same size in the same
// run: the ratio shows whether a flood costs more than prose and whether the cost grows linearly.
function flood(kind: string, size: number): string {
  const r = seeded(size + kind.length);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const digits = (n: number) => Array.from({ length: n }, () => String.fromCharCode(48 + Math.floor(r() * 10))).join('');
  const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const parts: string[] = [];
  let len = 0;
  while (len < size) {
    let p: string;
    if (kind === 'capitalised names') p = pick(['John', 'Mary', 'Smith', 'Jane', 'Doe', 'Robert', 'Brown', 'Alice', 'Walker']) + ' ';
    else if (kind === 'digit runs with separators') p = digits(1 + Math.floor(r() * 6)) + pick([' ', '-', '.', '/', '(', ')']);
    else if (kind === 'e-mail-like strings') p = `user${digits(3)}.name@ex${digits(2)}ample..com `;
    else p = Array.from({ length: 16 + Math.floor(r() * 40) }, () => A[Math.floor(r() * 64)]).join('') + ' ';
    parts.push(p);
    len += p.length;
  }
  return parts.join('').slice(0, size);
}
const timed = (text: string): [number, number] => {
  const t0 = now();
  const n = set.scanSegments([text]).length;
  return [now() - t0, n];
};
for (const mb of quick ? [1] : [1, 4]) {
  const size = mb * MB;
  const [base] = timed(prose(size, 0));
  console.log(`prose ${mb} MB: ${base.toFixed(0)} ms`);
  const floods: Record<string, string> = {
    '9-digit numbers, spaces': nineDigitFlood(size, ' ', 1),
    '9-digit numbers, newlines': nineDigitFlood(size, '\n', 1),
    '9-digit numbers, commas': nineDigitFlood(size, ', ', 1),
  };
  for (const kind of ['capitalised names', 'digit runs with separators', 'e-mail-like strings', 'base64-ish tokens']) floods[kind] = flood(kind, size);
  for (const [name, text] of Object.entries(floods)) {
    const [ms, n] = timed(text);
    console.log(`flood ${mb} MB ${name}: ${ms.toFixed(0)} ms (${(ms / mb).toFixed(0)} ms/MB, ${(ms / Math.max(base, 0.1)).toFixed(1)}x prose, ${n} findings)`);
  }
}

// Peer on the same prose, for the ratio. redact-pii is not a dependency: it is installed on first use.
const peer = loadPeer((l) => console.log(l));
if (peer.redactor) {
  const redactor = peer.redactor;
  throughput('peer redact-pii 2 KB prose', (t) => redactor.redact(t), p2, quick ? 0.5 : 1);
} else console.log(`peer redact-pii: not available (${'reason' in peer ? peer.reason : ''})`);
