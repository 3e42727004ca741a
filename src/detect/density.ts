// Which gate a text gets: dense text (long digit runs, long tokens with digits) makes the fine RE2
// gate build a DFA state at nearly every byte, so it takes the coarse gate (see Gate.open). The
// measure runs on every scan, so it must cost less than the gate it protects: a native regex jumps
// to the few places where a counted run can start and only those runs are walked in JavaScript.

/** Characters of number runs and long tokens beyond which a text skips the fine gate (see Gate.open). */
export const DENSE_LIMIT = 256;

/** measureText: printable ASCII (its latin1 bytes are its UTF-8) and not dense. */
export const PLAIN_SPARSE = 0;
/** measureText: dense; whether the rest of the text is printable ASCII was not checked. */
export const DENSE = 1;
/** measureText: holds characters outside printable ASCII; normalise, then ask denseText. */
export const NOT_PLAIN = 2;

// Where a counted run can start: a digit with three more digits in the same run of digits and
// separators, or a digit next to a letter (a token of letters and digits; a token of 12+ digits is
// a digit run as well). Each alternative starts with a digit, so the engine only stops at digits.
const RUN_STARTS = '(?<=[A-Za-z][0-9])|(?<=[0-9])[A-Za-z]|(?<=[0-9])(?:[ \\-.\\/()+,\\n]*[0-9]){3}';
// The same, also stopping at any character that is not printable ASCII (these need normalising).
// Module state only in lastIndex, set before every use; the functions below are synchronous.
const PLAIN_STOPS = new RegExp(`[^\\t\\n\\r\\x20-\\x2f\\x3a-\\x7e](?:(?<=[^\\t\\n\\r\\x20-\\x7e])|${RUN_STARTS})`, 'g');
const STOPS = new RegExp(`[0-9](?:${RUN_STARTS})`, 'g');
const NOT_PRINTABLE = /[^\t\n\r\x20-\x7e]/;
/** After a counted run, digit-free characters walked before handing back to the regex (no hop per token). */
const RESUME_GAP = 16;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c | 32) >= 97 && (c | 32) <= 122;
const isAlnum = (c: number) => isDigit(c) || isLetter(c);
// Separators inside a number run: space - . / ( ) + , newline.
const isNumSep = (c: number) => c === 32 || c === 45 || c === 46 || c === 47 || c === 40 || c === 41 || c === 43 || c === 44 || c === 10;
const isPrintable = (c: number) => (c >= 32 && c <= 126) || c === 9 || c === 10 || c === 13;

/**
 * True when the text holds more than DENSE_LIMIT characters of runs of digits and separators with
 * 4+ digits, or of runs of 12+ letters and digits with a digit: where the fine gate is slow.
 * Prose with a few figures stays below it and keeps the fine gate.
 */
export function denseText(text: string): boolean {
  if (text.length <= DENSE_LIMIT) return false;
  return measure(text, STOPS, false) === DENSE;
}

/**
 * denseText and the normaliser's "printable ASCII?" test in one pass over the original text:
 * PLAIN_SPARSE, DENSE or NOT_PLAIN.
 */
export function measureText(text: string): number {
  if (text.length <= DENSE_LIMIT) return NOT_PRINTABLE.test(text) ? NOT_PLAIN : PLAIN_SPARSE;
  return measure(text, PLAIN_STOPS, true);
}

function measure(text: string, stops: RegExp, plain: boolean): number {
  const n = text.length;
  let dense = 0;
  let from = 0; // no run is open before this point, and everything before it is counted
  stops.lastIndex = 0;
  while (stops.test(text)) {
    const end = stops.lastIndex;
    if (plain && !isPrintable(text.charCodeAt(end - 1))) return NOT_PLAIN;
    // Back to where no run is open (runs that contain the stop can begin before it).
    let s = end - 1;
    while (s > from) {
      const c = text.charCodeAt(s - 1);
      if (isAlnum(c)) {
        s--;
        continue;
      }
      if (!isNumSep(c)) break;
      // Separators continue a number run only after a digit.
      let q = s - 1;
      while (q > from && isNumSep(text.charCodeAt(q - 1))) q--;
      if (q > from && isDigit(text.charCodeAt(q - 1))) s = q;
      else break;
    }
    // Forward, counting exactly as a walk over the whole text would, until no run is open and
    // RESUME_GAP characters have passed without a digit.
    let numRun = 0; // digits and separators
    let numDigits = 0;
    let wordRun = 0; // letters and digits
    let wordDigits = 0;
    let lastDigit = end - 1;
    let i = s;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (isDigit(c)) {
        numRun++;
        numDigits++;
        wordRun++;
        wordDigits++;
        lastDigit = i;
        // Runs only grow until they end: once one would pass the limit, the answer is known.
        if ((numDigits >= 4 && dense + numRun > DENSE_LIMIT) || (wordRun >= 12 && dense + wordRun > DENSE_LIMIT)) return DENSE;
        continue;
      }
      if (plain && !isPrintable(c)) return NOT_PLAIN;
      if (isLetter(c)) {
        wordRun++;
        if (wordDigits > 0 && wordRun >= 12 && dense + wordRun > DENSE_LIMIT) return DENSE;
      } else {
        if (wordRun >= 12 && wordDigits > 0) dense += wordRun;
        wordRun = 0;
        wordDigits = 0;
      }
      if (isNumSep(c)) {
        if (numRun > 0) numRun++;
      } else {
        if (numDigits >= 4) dense += numRun;
        numRun = 0;
        numDigits = 0;
      }
      if (dense > DENSE_LIMIT) return DENSE;
      if (numRun === 0 && wordRun === 0 && i >= end - 1 && i - lastDigit > RESUME_GAP) {
        i++;
        break;
      }
    }
    if (i >= n) {
      if (numDigits >= 4) dense += numRun;
      if (wordRun >= 12 && wordDigits > 0) dense += wordRun;
      return dense > DENSE_LIMIT ? DENSE : PLAIN_SPARSE;
    }
    from = i;
    stops.lastIndex = i;
  }
  return PLAIN_SPARSE;
}
