// node:url in the console's browser build: only turns a module URL into a path (see fs.ts).
export function fileURLToPath(u: string | URL): string {
  return new URL(String(u)).pathname;
}
export function pathToFileURL(p: string): URL {
  return new URL(`file://${p}`);
}
export default { fileURLToPath, pathToFileURL };
