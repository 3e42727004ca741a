/** Reads a Warden key the way each SDK sends it: Authorization Bearer, x-api-key, api-key. */
export function keyFromHeaders(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.length > 7 && auth.slice(0, 7).toLowerCase() === 'bearer ') return auth.slice(7).trim();
  const x = headers['x-api-key'] ?? headers['api-key'];
  return typeof x === 'string' && x.length > 0 ? x.trim() : undefined;
}
