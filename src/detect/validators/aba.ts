/** ABA routing transit number: valid Federal Reserve prefix and the 3-7-1 weighted checksum. */
export function abaValid(digits: string): boolean {
  if (digits.length !== 9) return false;
  for (let i = 0; i < 9; i++) {
    const c = digits.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const d = (i: number) => digits.charCodeAt(i) - 48;
  const prefix = d(0) * 10 + d(1);
  const prefixOk = prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80;
  if (!prefixOk || digits === '000000000') return false;
  const sum = 3 * (d(0) + d(3) + d(6)) + 7 * (d(1) + d(4) + d(7)) + (d(2) + d(5) + d(8));
  return sum % 10 === 0;
}
