// Finds base64, hex and URL-encoded stretches and decodes them, so that a secret or an
// instruction hidden in an encoding is scanned too. Bounded in size and depth by the caller.

export interface EncodedSegment {
  start: number;
  end: number;
  encoding: 'base64' | 'hex' | 'url';
  decoded: string;
}

// Percent escapes with the token around them; searched only when an escape occurs at all.
const PERCENT = /%[0-9A-Fa-f]{2}/;
const URL_RUN = /(?<![^\s%])[^\s%]{0,64}(?:%[0-9A-Fa-f]{2}[^\s%]{0,64})+/g;
const HEX = /^(?:[0-9a-fA-F]{2})+$/;
// A token of the base64 (standard or URL-safe) alphabet; dots mean it is something else (a JWT, a host name).
const ENCODED = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Share of printable characters (letters, digits, punctuation, space) in a decoded string. */
function printable(s: string): boolean {
  if (s.length < 8) return false;
  let ok = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 32 && c < 127) || c === 9 || c === 10 || c === 13 || (c >= 0xa0 && c !== 0xfffd)) ok++;
  }
  return ok / s.length >= 0.95;
}

function tryBase64(token: string): string | null {
  const body = token.replace(/=+$/, '');
  if (body.length % 4 === 1) return null;
  // Require a mix typical of encoded data, not a long identifier or a word.
  if (!/[A-Z]/.test(body) || !/[a-z]/.test(body)) return null;
  const text = Buffer.from(token.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
  return printable(text) ? text : null;
}

/** Finds encoded stretches in a text; at most `maxBytes` of decoded text in all. */
export function findEncoded(text: string, tokens: Int32Array, maxBytes: number): EncodedSegment[] {
  const out: EncodedSegment[] = [];
  let budget = maxBytes;
  let m: RegExpExecArray | null;
  for (let t = 0; t < tokens.length && budget > 0; t += 2) {
    const tokenStart = tokens[t];
    const token = text.slice(tokenStart, tokens[t + 1]);
    if (!ENCODED.test(token)) continue;
    if (token.length > budget * 2) continue;
    let decoded: string | null = null;
    let encoding: EncodedSegment['encoding'] = 'base64';
    if (token.length >= 16 && HEX.test(token)) {
      const s = Buffer.from(token, 'hex').toString('utf8');
      if (printable(s)) {
        decoded = s;
        encoding = 'hex';
      }
    } else if (token.length >= 16) decoded = tryBase64(token);
    if (decoded) {
      budget -= decoded.length;
      out.push({ start: tokenStart, end: tokenStart + token.length, encoding, decoded });
    }
  }
  if (PERCENT.test(text)) {
    URL_RUN.lastIndex = 0;
    while ((m = URL_RUN.exec(text)) !== null && budget > 0) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(m[0].replace(/\+/g, ' '));
      } catch {
        continue;
      }
      if (decoded === m[0] || !printable(decoded)) continue;
      budget -= decoded.length;
      out.push({ start: m.index, end: m.index + m[0].length, encoding: 'url', decoded });
    }
  }
  return out;
}
