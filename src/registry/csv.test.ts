import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv, writeCsv } from './csv.js';

test('reads quoted fields with commas, doubled quotes and line breaks, with the line each record starts on', () => {
  const t = parseCsv('id,name,notes\r\na,"Smith, J","says ""hi"""\r\nb,x,"two\nlines"\r\n\r\nc,y,z');
  assert.deepEqual(t.header, ['id', 'name', 'notes']);
  assert.deepEqual(
    t.records.map((r) => [r.line, r.cells]),
    [
      [2, ['a', 'Smith, J', 'says "hi"']],
      [3, ['b', 'x', 'two\nlines']],
      [6, ['c', 'y', 'z']],
    ],
  );
  assert.deepEqual(t.problems, []);
});

test('empty fields, trailing comma and a BOM', () => {
  const t = parseCsv('\ufeffa,b,c\n1,,\n');
  assert.deepEqual(t.header, ['a', 'b', 'c']);
  assert.deepEqual(t.records[0].cells, ['1', '', '']);
});

test('problems: unclosed quote, stray quote, text after a closing quote', () => {
  assert.deepEqual(parseCsv('a,b\n1,"open\n2,3\n').problems, [{ line: 2, message: 'quoted field is not closed' }]);
  assert.equal(parseCsv('a,b\n1,x"y\n').problems[0].line, 2);
  assert.match(parseCsv('a,b\n1,"x"y\n').problems[0].message, /after the closing quote/);
});

test('write then read gives the same cells', () => {
  const rows = [
    ['a', 'with, comma', 'q"uote'],
    ['b', 'multi\nline', ' padded '],
  ];
  const t = parseCsv(writeCsv(['x', 'y', 'z'], rows));
  assert.deepEqual(
    t.records.map((r) => r.cells),
    rows,
  );
});
