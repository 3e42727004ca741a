/** ISO 13616 IBAN check: length for the country and mod-97 of the rearranged number equals 1. */
export function ibanValid(compact: string, lengths: Record<string, number>): boolean {
  const country = compact.slice(0, 2);
  if (lengths[country] !== compact.length) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i);
    if (c >= 48 && c <= 57) rem = (rem * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) rem = (rem * 100 + (c - 55)) % 97;
    else return false;
  }
  return rem === 1;
}
