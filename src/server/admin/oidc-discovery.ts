// The identity provider's discovery document (`${issuer}/.well-known/openid-configuration`):
// where to send the browser, where to redeem a code, where the signing keys are. Fetched on
// first need and kept; a failed fetch is tried again on the next sign-in.
import { z } from 'zod';

const httpUrl = z.string().url();

const discoverySchema = z.object({
  issuer: z.string().min(1),
  authorization_endpoint: httpUrl,
  token_endpoint: httpUrl,
  jwks_uri: httpUrl,
});

export type DiscoveryDocument = z.infer<typeof discoverySchema>;

/** Fetches and checks one issuer's discovery document. */
export class OidcDiscovery {
  private doc?: Promise<DiscoveryDocument>;

  constructor(
    readonly issuer: string,
    private readonly timeoutMs = 5000,
  ) {}

  get(): Promise<DiscoveryDocument> {
    this.doc ??= this.fetch().catch((err) => {
      this.doc = undefined;
      throw err;
    });
    return this.doc;
  }

  private async fetch(): Promise<DiscoveryDocument> {
    const url = `${this.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    const res = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(this.timeoutMs), headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`discovery document ${url}: HTTP ${res.status}`);
    const doc = discoverySchema.parse(await res.json());
    // OpenID Connect Discovery 1.0 §4.3: a document for another issuer is not this provider's.
    if (doc.issuer !== this.issuer) throw new Error(`discovery document ${url} names issuer ${doc.issuer}, not ${this.issuer}`);
    return doc;
  }
}
