// node:path in the console's browser build: only joins the paths of data files (see fs.ts).
export function join(...parts: string[]): string {
  return parts.filter(Boolean).join('/').replace(/\/+/g, '/');
}
export function dirname(p: string): string {
  const i = p.replace(/\/+$/, '').lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}
export function resolve(...parts: string[]): string {
  return join(...parts);
}
export function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}
export const sep = '/';
export default { join, dirname, resolve, basename, sep };
