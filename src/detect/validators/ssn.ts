/** US SSN structure: area not 000, 666 or 900-999; group not 00; serial not 0000; not a known sample. */
export function ssnValid(digits: string): boolean {
  // Character arithmetic, not regular expressions and slices: this runs on every nine-digit
  // number of a text, and a flood of them must stay linear with a small constant.
  if (digits.length !== 9) return false;
  let same = true;
  for (let i = 0; i < 9; i++) {
    const c = digits.charCodeAt(i);
    if (c < 48 || c > 57) return false;
    if (c !== digits.charCodeAt(0)) same = false;
  }
  const d = (i: number) => digits.charCodeAt(i) - 48;
  const area = d(0) * 100 + d(1) * 10 + d(2);
  const group = d(3) * 10 + d(4);
  const serial = d(5) * 1000 + d(6) * 100 + d(7) * 10 + d(8);
  if (area === 0 || area === 666 || area >= 900 || group === 0 || serial === 0) return false;
  // Advertised sample numbers and repeated digits are not real.
  if (same || digits === '078051120' || digits === '219099999') return false;
  return true;
}

/** US ITIN: 9NN-GG-NNNN with the group in 50-65, 70-88, 90-92 or 94-99. */
export function itinValid(digits: string): boolean {
  if (!/^9\d{8}$/.test(digits)) return false;
  const g = Number(digits.slice(3, 5));
  return (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || (g >= 94 && g <= 99);
}
