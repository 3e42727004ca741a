// The decision's receipt, checked here in the browser (src/lib/proof.ts): the leaf hash, the
// inclusion proof folded to the root, and the checkpoint's Ed25519 signature by the log key.
import { useMemo } from 'react';
import { apiUrl } from '../../api/client';
import type { DecisionDetail } from '../../api/types';
import { verifyReceipt } from '../../lib/proof';
import { Can } from '../../auth/Can';

export function VerifyPanel({ detail }: { detail: DecisionDetail }) {
  const { receipt, receiptError, verification } = detail;
  const result = useMemo(() => (receipt ? verifyReceipt(receipt, verification.publicKey, verification.origin) : null), [receipt, verification]);

  return (
    <section className="card" aria-labelledby="verify-title">
      <h2 id="verify-title" className="section-title">
        Proof of inclusion
      </h2>
      {!receipt || !result ? (
        <div className="verify-result verify-none" data-testid="verify-result" data-verified="unavailable">
          <div>
            <p className="state-title">No receipt to check</p>
            <p>{receiptError ?? 'The server sent no receipt.'}</p>
          </div>
        </div>
      ) : (
        <>
          <div className={`verify-result ${result.ok ? 'verify-ok' : 'verify-bad'}`} data-testid="verify-result" data-verified={result.ok ? 'true' : 'false'} role="status">
            <span aria-hidden="true">{result.ok ? '✔' : '✘'}</span>
            <div>
              <p className="state-title">
                {result.ok ? 'Verified in your browser' : 'Verification FAILED'}
              </p>
              <p>
                {result.ok
                  ? `This decision is in the audit log: its record hashes into the tree whose root the log signed${result.entries[0]?.checkpoint ? ` at size ${result.entries[0].checkpoint.size}` : ''}.`
                  : (result.error ?? 'The receipt does not check out against the log key. Do not rely on this record; tell whoever runs Warden.')}
              </p>
            </div>
          </div>
          {result.entries.map((e) => (
            <div key={`${e.kind}-${e.index}`}>
              <h3>
                {e.kind === 'completion' ? 'Completion record' : 'Decision record'} at index {e.index}
              </h3>
              <ol className="verify-steps">
                {e.steps.map((s) => (
                  <li key={s.id}>
                    <strong>{s.ok ? 'Passed' : 'Failed'}:</strong> {s.label}. <span className="mono">{s.detail}</span>
                  </li>
                ))}
              </ol>
            </div>
          ))}
        </>
      )}
      <details>
        <summary>How this is checked, and the key used</summary>
        <ol className="verify-steps">
          {verification.steps.map((s, i) => (
            <li key={i}>{s}</li>
          ))}
        </ol>
        <p>
          Log key (compare it with the one you keep, from <code>warden audit public-key</code>):
        </p>
        <pre data-testid="log-public-key">{verification.publicKey}</pre>
        {verification.origin ? (
          <p>
            Origin: <code>{verification.origin}</code>
          </p>
        ) : null}
      </details>
      {receipt ? (
      <Can op="GET /api/audit/receipts/:id">
        <p>
          <a className="button" href={apiUrl(`/api/audit/receipts/${encodeURIComponent(detail.id)}`)} download={`receipt-${detail.id}.json`}>
            Download receipt
          </a>{' '}
          <span className="field-hint">
            Check it offline with <code>warden audit verify-receipt</code>.
          </span>
        </p>
      </Can>
      ) : null}
    </section>
  );
}
