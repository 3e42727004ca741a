// Known answer: /work/shared/testdata/signed-note-kat.json (golang.org/x/mod sumdb/note TestSign).
import { test } from 'node:test';
import { sharedPath } from '../../test/helpers/shared.js';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { generatePrivateKey, openNote, parsePrivateKey, parseVerifierKey, signNote, verifierKey } from './note.js';
import { formatCheckpoint, parseCheckpoint } from './checkpoint.js';
import { EMPTY_ROOT } from './hash.js';

const KAT = sharedPath('testdata', 'signed-note-kat.json');

test('signed-note known answer comes out byte for byte', () => {
  const kat = JSON.parse(readFileSync(KAT, 'utf8'));
  const signer = parsePrivateKey(kat.private_key);
  const note = signNote(kat.text, [signer]);
  assert.equal(note, kat.text + '\n' + kat.expected_signature_line + '\n');
  const opened = openNote(note, [parseVerifierKey(verifierKey(signer))]);
  assert.equal(opened.text, kat.text);
  assert.deepEqual(opened.verifiedBy, ['PeterNeumann']);
});

test('a note fails with a changed text, a foreign key or a bad signature', () => {
  const a = parsePrivateKey(generatePrivateKey('warden-audit'));
  const b = parsePrivateKey(generatePrivateKey('warden-audit'));
  const note = signNote('hello\n', [a]);
  const va = parseVerifierKey(verifierKey(a));
  assert.doesNotThrow(() => openNote(note, [va]));
  assert.throws(() => openNote(note.replace('hello', 'hellO'), [va]), /invalid signature/);
  assert.throws(() => openNote(note, [parseVerifierKey(verifierKey(b))]), /no signature by a known key/);
  assert.throws(() => openNote('hello\n', [va]), /malformed/);
  assert.throws(() => parseVerifierKey(verifierKey(a).replace(/\+[0-9a-f]{8}\+/, '+00000000+')), /id does not match/);
});

test('checkpoints round-trip and reject malformed fields', () => {
  const text = formatCheckpoint({ origin: 'example.com/log', size: 42, root: EMPTY_ROOT });
  assert.equal(text, 'example.com/log\n42\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n');
  assert.deepEqual(parseCheckpoint(text).size, 42);
  assert.throws(() => parseCheckpoint('example.com/log\n042\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n'));
  assert.throws(() => parseCheckpoint('example.com/log\n1\nAAAA\n'));
});
