/** US DEA registration number: registrant letter, name letter, seven digits with the DEA checksum. */
export function deaValid(value: string): boolean {
  if (!/^[ABCDEFGHJKLMPRSTUX][A-Z9]\d{7}$/.test(value)) return false;
  const d = (i: number) => value.charCodeAt(i) - 48;
  const sum = d(2) + d(4) + d(6) + 2 * (d(3) + d(5) + d(7));
  return sum % 10 === d(8);
}
