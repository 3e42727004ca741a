/** US SSN structure: area not 000, 666 or 900-999; group not 00; serial not 0000; not a known sample. */
export function ssnValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  const area = Number(digits.slice(0, 3));
  const group = Number(digits.slice(3, 5));
  const serial = Number(digits.slice(5));
  if (area === 0 || area === 666 || area >= 900 || group === 0 || serial === 0) return false;
  // Advertised sample numbers and repeated digits are not real.
  if (digits === '078051120' || digits === '219099999' || /^(\d)\1{8}$/.test(digits)) return false;
  return true;
}

/** US ITIN: 9NN-GG-NNNN with the group in 50-65, 70-88, 90-92 or 94-99. */
export function itinValid(digits: string): boolean {
  if (!/^9\d{8}$/.test(digits)) return false;
  const g = Number(digits.slice(3, 5));
  return (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || (g >= 94 && g <= 99);
}
