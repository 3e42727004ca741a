// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { canonicalJson, fromBase64, leafHash, nodeHash, parseVerifierKey, toBase64, toHex, verifyReceipt, type Receipt } from './proof';
import { serverLog } from './proof.fixture';

const log = serverLog(23);

function clone(r: Receipt): Receipt {
  return JSON.parse(JSON.stringify(r)) as Receipt;
}

/** Replaces line `n` (0-based) of an entry's proof text. */
function editProofLine(r: Receipt, n: number, edit: (line: string) => string): Receipt {
  const c = clone(r);
  const lines = c.entries[0].proof.split('\n');
  lines[n] = edit(lines[n]);
  c.entries[0].proof = lines.join('\n');
  return c;
}

function flipBase64(s: string, byte = 0): string {
  const b = fromBase64(s);
  b[byte] ^= 0x01;
  return toBase64(b);
}

describe('hashing (RFC 6962)', () => {
  it('matches known answers', () => {
    // SHA-256 of the empty leaf and of a node of two empty-leaf hashes, from RFC 6962 test vectors.
    expect(toHex(leafHash(new Uint8Array()))).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    // Node: SHA-256(0x01 ‖ left ‖ right), here of two 32-byte zero hashes (from node:crypto).
    expect(toHex(nodeHash(new Uint8Array(32), new Uint8Array(32)))).toBe('ae0798d0ecaed2b778eddebf18f071a561c53658c05e76cedecc27cafbdbc577');
  });
});

describe('receipts made by the server', () => {
  it('the server itself accepts the fixtures', () => {
    log.serverVerify(log.receipt(0, 1));
    log.serverVerify(log.receipt(22, 23));
  });

  it('verifies every leaf of every tree size from 1 to 23', () => {
    for (let size = 1; size <= 23; size++) {
      for (let i = 0; i < size; i++) {
        const r = verifyReceipt(log.receipt(i, size), log.vkey, log.origin);
        if (!r.ok) throw new Error(`index ${i} size ${size}: ${JSON.stringify(r)}`);
      }
    }
  });

  it('reports each step it checked, with the root it computed', () => {
    const r = verifyReceipt(log.receipt(5, 17), log.vkey, log.origin);
    expect(r.ok).toBe(true);
    const e = r.entries[0];
    expect(e.steps.map((s) => [s.id, s.ok])).toEqual([
      ['signature', true],
      ['checkpoint', true],
      ['leaf', true],
      ['inclusion', true],
      ['record', true],
    ]);
    expect(e.computedRoot).toBe(e.checkpoint!.root);
    expect(e.checkpoint!.size).toBe(17);
  });

  it('accepts non-ASCII records (UTF-8 leaf bytes)', () => {
    const i = log.records.findIndex((x) => x.kind === 'decision' && x.system?.includes('社内'));
    expect(i).toBeGreaterThanOrEqual(0);
    expect(verifyReceipt(log.receipt(i, 23), log.vkey, log.origin).ok).toBe(true);
  });

  it('canonical JSON agrees with the server on every record', () => {
    for (const rec of log.records) expect(canonicalJson(JSON.parse(JSON.stringify(rec)))).toBe(log.receipt(log.records.indexOf(rec), 23).entries[0].leaf);
  });
});

describe('tampering is caught', () => {
  const good = log.receipt(6, 19);
  const failed = (r: Receipt, vkey = log.vkey) => {
    const res = verifyReceipt(r, vkey, log.origin);
    expect(res.ok).toBe(false);
    return res.entries[0]?.steps.find((s) => !s.ok)?.id ?? res.error;
  };

  it('a changed leaf', () => {
    const c = clone(good);
    c.entries[0].leaf = c.entries[0].leaf.replace('"action":"', '"action":"x');
    expect(failed(c)).toBe('inclusion');
  });

  it('a leaf that hashes right but is another record', () => {
    const c = clone(good);
    c.id = log.records[7].id;
    expect(failed(c)).toBe('record');
  });

  it('a changed proof hash', () => {
    expect(failed(editProofLine(good, 2, (l) => flipBase64(l, 31)))).toBe('inclusion');
  });

  it('a proof hash dropped or added', () => {
    const spliced = (edit: (lines: string[]) => void) => {
      const c = clone(good);
      const lines = c.entries[0].proof.split('\n');
      edit(lines);
      c.entries[0].proof = lines.join('\n');
      return c;
    };
    expect(failed(spliced((l) => l.splice(2, 1)))).toBe('inclusion');
    expect(failed(spliced((l) => l.splice(2, 0, l[2])))).toBe('inclusion');
  });

  it('a wrong index', () => {
    const c = editProofLine(good, 1, () => 'index 7');
    c.entries[0].index = 7;
    expect(failed(c)).toBe('inclusion');
  });

  it('a changed root in the checkpoint (the signature no longer matches)', () => {
    const c = clone(good);
    const [head, note] = c.entries[0].proof.split('\n\n');
    const noteLines = note.split('\n');
    noteLines[2] = flipBase64(noteLines[2]);
    c.entries[0].proof = `${head}\n\n${noteLines.join('\n')}`;
    expect(failed(c)).toBe('signature');
  });

  it('a changed tree size in the checkpoint', () => {
    const c = clone(good);
    c.entries[0].proof = c.entries[0].proof.replace(`\n19\n`, `\n20\n`);
    expect(failed(c)).toBe('signature');
  });

  it('a changed signature', () => {
    const c = clone(good);
    c.entries[0].proof = c.entries[0].proof.replace(/(\u2014 \S+ )(\S+)\n$/u, (_m, a: string, sig: string) => a + flipBase64(sig, 20) + '\n');
    expect(failed(c)).toBe('signature');
  });

  it('a checkpoint signed by another key of the same name', () => {
    expect(failed(good, log.otherVkey)).toBe('signature');
  });

  it('a checkpoint of another origin', () => {
    const res = verifyReceipt(good, log.vkey, 'another.example/log');
    expect(res.ok).toBe(false);
    expect(res.entries[0].steps.find((s) => !s.ok)?.id).toBe('checkpoint');
  });

  it('a verifier key whose id does not match its key', () => {
    const k = parseVerifierKey(log.vkey);
    const bad = `${k.name}+00000000+${log.vkey.split('+').slice(2).join('+')}`;
    expect(verifyReceipt(good, bad).error).toMatch(/key id does not match/);
  });

  it('something that is not a receipt', () => {
    expect(verifyReceipt({ format: 'nope', id: 'x', entries: [] }, log.vkey).ok).toBe(false);
  });
});
