// One pass over the text finds every trigger literal at once (Aho-Corasick, ASCII case-folded),
// so detectors that need a word nearby run only where that word occurs.

/** Literal occurrences found by one pass: parallel arrays, in text order. */
export interface LiteralHits {
  count: number;
  /** Literal index (into the automaton's literal list). */
  literal: Int32Array;
  start: Int32Array;
  end: Int32Array;
}

export interface LiteralMatcher {
  readonly literals: readonly string[];
  scan(text: string): LiteralHits;
}

const OTHER = 0;

/** Compiles lower-case ASCII literals into one automaton. */
export function compileLiterals(literals: readonly string[]): LiteralMatcher {
  // Character classes: every distinct (case-folded) character used in a literal gets one;
  // whitespace folds to the class of ' ' so "date of\nbirth" matches "date of birth".
  const classOf = new Uint8Array(128);
  let classes = 1;
  const fold = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c === 9 || c === 10 || c === 13 ? 32 : c);
  for (const lit of literals) {
    for (let i = 0; i < lit.length; i++) {
      const c = fold(lit.charCodeAt(i));
      if (c >= 128) throw new Error(`trigger literal is not ASCII: ${lit}`);
      if (classOf[c] === 0) classOf[c] = classes++;
    }
  }
  for (let c = 0; c < 128; c++) classOf[c] = classOf[fold(c)];
  // Trie.
  const goto: Int32Array[] = [new Int32Array(classes).fill(-1)];
  const outputs: number[][] = [[]];
  const depth: number[] = [0];
  literals.forEach((lit, index) => {
    let s = 0;
    for (let i = 0; i < lit.length; i++) {
      const k = classOf[lit.charCodeAt(i)];
      if (goto[s][k] < 0) {
        goto[s][k] = goto.length;
        goto.push(new Int32Array(classes).fill(-1));
        outputs.push([]);
        depth.push(depth[s] + 1);
      }
      s = goto[s][k];
    }
    outputs[s].push(index);
  });
  // Failure links, breadth first, turning the trie into a full transition table.
  const states = goto.length;
  const delta = new Int32Array(states * classes);
  const fail = new Int32Array(states);
  const queue: number[] = [];
  for (let k = 0; k < classes; k++) {
    const t = goto[0][k];
    if (t > 0) {
      fail[t] = 0;
      queue.push(t);
      delta[k] = t;
    } else delta[k] = 0;
  }
  for (let qi = 0; qi < queue.length; qi++) {
    const s = queue[qi];
    outputs[s] = outputs[s].concat(outputs[fail[s]]);
    for (let k = 0; k < classes; k++) {
      const t = goto[s][k];
      if (t > 0) {
        fail[t] = delta[fail[s] * classes + k];
        queue.push(t);
        delta[s * classes + k] = t;
      } else delta[s * classes + k] = delta[fail[s] * classes + k];
    }
  }
  // Class OTHER (non-ASCII, or characters no literal uses) always returns to the root.
  for (let s = 0; s < states; s++) delta[s * classes + OTHER] = 0;
  const hasOutput = new Uint8Array(states);
  for (let s = 0; s < states; s++) if (outputs[s].length) hasOutput[s] = 1;
  const lengths = literals.map((l) => l.length);

  return {
    literals,
    scan(text: string): LiteralHits {
      let cap = 16;
      let lit = new Int32Array(cap);
      let st = new Int32Array(cap);
      let en = new Int32Array(cap);
      let count = 0;
      let s = 0;
      const n = text.length;
      for (let i = 0; i < n; i++) {
        const c = text.charCodeAt(i);
        s = delta[s * classes + (c < 128 ? classOf[c] : OTHER)];
        if (hasOutput[s] === 1) {
          for (const index of outputs[s]) {
            if (count === cap) {
              cap *= 2;
              const l2 = new Int32Array(cap), s2 = new Int32Array(cap), e2 = new Int32Array(cap);
              l2.set(lit); s2.set(st); e2.set(en);
              lit = l2; st = s2; en = e2;
            }
            lit[count] = index;
            st[count] = i + 1 - lengths[index];
            en[count] = i + 1;
            count++;
          }
        }
      }
      return { count, literal: lit, start: st, end: en };
    },
  };
}
