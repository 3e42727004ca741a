// The gap assessment: every requirement of a framework with its status and evidence, from the
// collectors, the policy rules that name it, attestations and (ISO 42001) the SoA.
import { assessable, loadCatalog } from './catalog.js';
import { relatedIds } from './crosswalk.js';
import { loadMapping } from './mapping.js';
import { loadTemplates } from './templates.js';
import { COLLECTORS, worst, type CollectorContext } from './collectors/index.js';
import { STATUSES, type Evidence, type FrameworkId, type GapEntry, type GapReport, type Status } from './types.js';

/** Assesses every requirement of `framework` over the context's period. */
export function assessFramework(framework: FrameworkId, ctx: CollectorContext): GapReport {
  const catalog = loadCatalog(framework);
  const mapping = loadMapping().get(framework)!;
  const templates = loadTemplates().get(framework)!;
  const soa = new Map(ctx.store.compliance.soaList().map((e) => [e.control, e]));
  const attestations = ctx.store.compliance.attestations({ framework }).filter((a) => !a.revokedAt);
  // A collector's result does not depend on which requirement asked, only on its parameters.
  const memo = new Map<string, Evidence[]>();
  const run = (name: keyof typeof COLLECTORS, params: object) => {
    const key = name + JSON.stringify(params);
    let ev = memo.get(key);
    if (!ev) memo.set(key, (ev = COLLECTORS[name](ctx, params)));
    return ev;
  };
  const entries: GapEntry[] = assessable(catalog).map((req) => {
    const uses = mapping.get(req.id) ?? [];
    const evidence: Evidence[] = uses.flatMap((u) => run(u.collector, u.params));
    let status: Status = uses.length ? worst(evidence.map((e) => e.status)) : 'manual';

    // Decisions whose rules name this requirement: runtime proof that its control operates.
    const fired = ctx.facts.controls.get(`${framework}:${req.id}`);
    if (fired) {
      evidence.push({
        check: `Policy rules naming ${framework}:${req.id} decided on traffic`,
        status: 'met',
        detail: `${fired.count} decisions in the period name this control`,
        counts: { decisions: fired.count },
        period: ctx.period,
        decisions: fired.samples,
      });
      if (status === 'manual') status = 'partial';
    }

    const atts = attestations
      .filter((a) => a.requirement === req.id)
      .map((a) => ({ id: a.id, owner: a.owner, expiresAt: a.expiresAt, sha256: a.sha256, document: a.document, expired: Date.parse(a.expiresAt) < ctx.now.getTime() }));
    for (const a of atts)
      evidence.push({
        check: 'Attestation by its owner, backed by a document',
        status: a.expired ? 'gap' : 'met',
        detail: `${a.owner} attests with ${a.document} (sha256 ${a.sha256}), ${a.expired ? 'EXPIRED' : 'valid until'} ${a.expiresAt}`,
        records: [a.id],
      });
    if (atts.length && (status === 'manual' || status === 'partial') && uses.length === 0)
      status = atts.some((a) => !a.expired) ? 'met' : 'gap';

    const entry: GapEntry = { framework, id: req.id, title: req.title, status, collectors: uses.map((u) => u.collector), evidence };
    if (framework === 'iso42001' && req.kind === 'annexA') {
      const s = soa.get(req.id);
      if (s) {
        entry.soa = s;
        if (!s.applicable) {
          entry.status = 'not-applicable';
          evidence.push({ check: 'Statement of Applicability', status: 'not-applicable', detail: `excluded: ${s.justification}` });
        }
      }
    }
    const related = relatedIds(framework, req.id);
    if (related.length) entry.related = related;
    if (atts.length) entry.attestations = atts;
    const expects = templates.get(req.id);
    if (expects) entry.expects = expects;
    return entry;
  });
  const summary = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
  for (const e of entries) summary[e.status]++;
  return { framework, title: catalog.title, period: ctx.period, generatedAt: ctx.now.toISOString(), summary, entries };
}
