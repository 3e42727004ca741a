// Proof code against the literal RFC 6962 reference and against the transparency-dev vectors in
// /work/shared/testdata/merkle (inclusion/ and consistency/, valid and invalid; see its README).
import { test } from 'node:test';
import { sharedPath } from '../../test/helpers/shared.js';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { EMPTY_ROOT, leafHash } from './hash.js';
import { consistencyProof, inclusionProof, memoryNodeSource, rootAt } from './merkle.js';
import { verifyConsistency, verifyInclusion } from './proof.js';
import { referenceConsistency, referencePath, referenceRoot } from './reference.js';

const VECTORS = sharedPath('testdata', 'merkle');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.json') ? [p] : [];
  });
}
const b64 = (s: string | null | undefined) => Buffer.from(s ?? '', 'base64');

function leaves(n: number): Buffer[] {
  return Array.from({ length: n }, (_, i) => Buffer.from(`leaf ${i} ${'x'.repeat(i % 7)}`));
}

test('empty root is SHA-256 of nothing', () => {
  assert.equal(EMPTY_ROOT.toString('hex'), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.deepEqual(referenceRoot([]), EMPTY_ROOT);
});

test('stored-subtree roots and proofs equal the literal reference for every size up to 70', () => {
  const all = leaves(70);
  const src = memoryNodeSource(all.map(leafHash));
  for (let n = 1; n <= all.length; n++) {
    const d = all.slice(0, n);
    const root = referenceRoot(d);
    assert.deepEqual(rootAt(src, n), root, `root of ${n}`);
    for (let m = 0; m < n; m++) {
      const p = inclusionProof(src, m, n);
      assert.deepEqual(p, referencePath(m, d), `path ${m} of ${n}`);
      verifyInclusion(m, n, leafHash(d[m]), p, root);
    }
    for (let m = 1; m <= n; m++) {
      const p = consistencyProof(src, m, n);
      assert.deepEqual(p, referenceConsistency(m, d), `consistency ${m}..${n}`);
      verifyConsistency(m, n, p, referenceRoot(all.slice(0, m)), root);
    }
  }
});

test('tampered proofs fail', () => {
  const all = leaves(13);
  const src = memoryNodeSource(all.map(leafHash));
  const root = rootAt(src, 13);
  const p = inclusionProof(src, 5, 13);
  const bad = p.map((h) => Buffer.from(h));
  bad[1][0] ^= 1;
  assert.throws(() => verifyInclusion(5, 13, leafHash(all[5]), bad, root));
  assert.throws(() => verifyInclusion(6, 13, leafHash(all[5]), p, root));
  assert.throws(() => verifyInclusion(5, 13, leafHash(all[5]), p.slice(1), root));
  const c = consistencyProof(src, 6, 13);
  assert.throws(() => verifyConsistency(6, 13, c, rootAt(src, 7), root));
  assert.throws(() => verifyConsistency(6, 13, [...c, c[0]], rootAt(src, 6), root));
});

test('every inclusion vector of the shared test data gives the expected answer', () => {
  const list = files(join(VECTORS, 'inclusion'));
  assert.ok(list.length > 50);
  for (const f of list) {
    const v = JSON.parse(readFileSync(f, 'utf8'));
    let err: unknown = null;
    try {
      verifyInclusion(v.leafIdx, v.treeSize, b64(v.leafHash), (v.proof ?? []).map(b64), b64(v.root));
    } catch (e) {
      err = e;
    }
    assert.equal(err !== null, v.wantErr, `${f}: ${v.desc} ${err}`);
  }
});

test('every consistency vector of the shared test data gives the expected answer', () => {
  const list = files(join(VECTORS, 'consistency'));
  assert.ok(list.length > 50);
  for (const f of list) {
    const v = JSON.parse(readFileSync(f, 'utf8'));
    let err: unknown = null;
    try {
      verifyConsistency(v.size1, v.size2, v.proof === null ? null : v.proof.map(b64), b64(v.root1), b64(v.root2));
    } catch (e) {
      err = e;
    }
    assert.equal(err !== null, v.wantErr, `${f}: ${v.desc} ${err}`);
  }
});

test('the vectors use the RFC 6962 test leaves: our tree of them has the vectors root', () => {
  const hex = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
  const d = hex.map((h) => Buffer.from(h, 'hex'));
  const v = JSON.parse(readFileSync(join(VECTORS, 'inclusion/1/happy-path.json'), 'utf8'));
  assert.equal(rootAt(memoryNodeSource(d.map(leafHash)), 8).toString('base64'), v.root);
  assert.deepEqual(inclusionProof(memoryNodeSource(d.map(leafHash)), v.leafIdx, 8).map((h) => h.toString('base64')), v.proof);
});
