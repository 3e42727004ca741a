// Catalog counts and ids against the reference data in data/reference (copies of the published
// structures: ISO/IEC 42001:2023 table of contents, NIST AI 100-1, Regulation (EU) 2024/1689).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { packagePath } from '../core/paths.js';
import { checkControl } from '../policy/controls.js';
import { assessable, loadCatalog } from './catalog.js';
import { crosswalkPairs, relatedIds } from './crosswalk.js';
import { loadMapping } from './mapping.js';
import { FRAMEWORK_IDS } from './types.js';

const ref = (name: string) => JSON.parse(readFileSync(packagePath('data', 'reference', name), 'utf8'));

describe('catalogs', () => {
  it('ISO/IEC 42001: clauses 4–10 and the 38 Annex A controls of data/reference/iso42001-structure.json', () => {
    const c = loadCatalog('iso42001');
    const annexA = c.requirements.filter((r) => r.kind === 'annexA');
    assert.equal(annexA.length, 38);
    const want = ref('iso42001-structure.json').annexA.flatMap((g: { controls: { id: string }[] }) => g.controls.map((x) => x.id));
    assert.deepEqual(annexA.map((r) => r.id), want);
    const clauses = c.requirements.filter((r) => r.kind === 'clause').map((r) => r.id);
    assert.deepEqual(clauses, ref('iso42001-structure.json').clauses.map((x: { id: string }) => x.id));
    for (const id of ['4', '6.1.2', '6.1.3', '6.1.4', '7.5', '9.1', '10.2']) assert.ok(clauses.includes(id), id);
    assert.ok(assessable(c).every((r) => r.kind !== 'annexA-objective'));
  });

  it('NIST AI RMF 1.0: the 72 subcategories of data/reference/nist-ai-rmf-1.0.json, in policy syntax', () => {
    const c = loadCatalog('nist-ai-rmf');
    const reference = ref('nist-ai-rmf-1.0.json');
    assert.equal(c.requirements.length, 72);
    assert.equal(reference.counts.subcategories, 72);
    assert.ok(c.requirements.some((r) => r.id === 'MANAGE-2.4'));
    for (const r of c.requirements) assert.equal(checkControl(`nist-ai-rmf:${r.id}`), null, r.id);
  });

  it('EU AI Act: the high-risk obligations (Art. 9–15, 17, 19, 26, 27, 50, 72, 73) from data/reference/eu-ai-act-obligations.json', () => {
    const ids = loadCatalog('eu-ai-act').requirements.map((r) => r.id);
    assert.deepEqual(ids, ['9', '10', '11', '12', '13', '14', '15', '17', '19', '26', '27', '50', '72', '73'].map((a) => `art-${a}`));
    for (const id of ids) assert.equal(checkControl(`eu-ai-act:${id}`), null, id);
  });

  it('NAIC, SOC 2 and HIPAA catalogs name the criteria in scope', () => {
    const ids = (f: 'naic' | 'soc2' | 'hipaa') => loadCatalog(f).requirements.map((r) => r.id);
    for (const id of ['AIS-1', 'AIS-2', 'AIS-3', 'AIS-4']) assert.ok(ids('naic').includes(id), id);
    for (const id of ['CC6.1', 'CC6.8', 'CC7.1', 'CC7.2', 'CC7.5', 'CC8.1', 'CC9.2']) assert.ok(ids('soc2').includes(id), id);
    assert.deepEqual(ids('hipaa').slice(0, 2), ['164.312(b)', '164.316(b)(1)']);
  });

  it('every crosswalk pair of data/reference/nist-ai-rmf-to-iso42001-crosswalk.json resolves to catalog ids', () => {
    const nist = new Set(loadCatalog('nist-ai-rmf').requirements.map((r) => r.id));
    const iso = new Set(loadCatalog('iso42001').requirements.map((r) => r.id));
    const pairs = crosswalkPairs();
    assert.equal(pairs.length, ref('nist-ai-rmf-to-iso42001-crosswalk.json').pairs.length);
    for (const p of pairs) {
      assert.ok(nist.has(p.nist), `NIST ${p.nist}`);
      assert.ok(iso.has(p.iso42001), `ISO ${p.iso42001} (from ${p.nist})`);
    }
    assert.ok(relatedIds('nist-ai-rmf', 'GOVERN-1.1').includes('iso42001:4.1'));
    assert.ok(relatedIds('iso42001', '4.1').includes('nist-ai-rmf:GOVERN-1.1'));
  });

  it('the evidence mapping names only catalog requirements, for every framework', () => {
    const m = loadMapping();
    for (const fw of FRAMEWORK_IDS) assert.ok(m.get(fw)!.size > 0, fw);
    assert.deepEqual(m.get('iso42001')!.get('A.6.2.8')!.map((u) => u.collector), ['event-logging']);
    assert.equal(m.get('eu-ai-act')!.get('art-19')![0].params.minRetentionDays, 183);
  });
});
