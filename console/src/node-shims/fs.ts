// node:fs in the console's browser build: the registry schemas read data/registry/*.yaml (the
// Annex III areas of the EU AI Act); those files are bundled as text and answered from here.
const files = import.meta.glob('../../../data/registry/*.yaml', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export function readFileSync(path: string | URL, _enc?: unknown): string {
  const p = String(path).replace(/\\/g, '/');
  for (const [k, text] of Object.entries(files)) if (p.endsWith(k.replace(/^(\.\.\/)+/, ''))) return text;
  throw new Error(`${p} is not available in the console`);
}
export function createReadStream(): never {
  throw new Error('node:fs createReadStream is not available in the console');
}
export function existsSync(): boolean {
  return false;
}
export default { readFileSync, createReadStream, existsSync };
