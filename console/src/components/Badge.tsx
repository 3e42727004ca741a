/** A small labelled state ("block", "pending"); its colour follows the word, never replaces it. */
export function Badge({ value, tone }: { value: string; tone?: string }) {
  return <span className={`badge badge-${tone ?? value}`}>{value}</span>;
}
