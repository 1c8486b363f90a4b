/**
 * A literal prefilter for the signature rules: most texts are clean, and running ~40 regexes
 * over every view of them was the largest cost of the fast path. For each rule we derive, from
 * its own source, a set of literal strings such that every match of the rule contains one of
 * them; one pass of an Aho-Corasick automaton over the text then says which rules can match at
 * all, and only those regexes run. The analysis is conservative: when it cannot prove a literal
 * is required (character classes, lookarounds, case-sensitive or Unicode-mode rules...) the
 * rule has no literals and always runs, so findings are exactly those of running every rule.
 *
 * Case: literals and text are compared after the regex engine's own case-insensitive
 * canonicalisation (ECMAScript Canonicalize for non-Unicode /i: the single-code-unit upper
 * case, except that nothing non-ASCII folds to ASCII), so a character matches a literal
 * character here exactly when it does for the regex.
 */

/** ECMAScript non-Unicode /i Canonicalize of one UTF-16 code unit. */
export function canonicalize(code: number): number {
  const u = String.fromCharCode(code).toUpperCase();
  if (u.length !== 1) return code;
  const cu = u.charCodeAt(0);
  return code >= 128 && cu < 128 ? code : cu;
}

class Unsupported extends Error {}

/**
 * Required literals of a regex (every match contains at least one), canonicalised (see above),
 * or null when unknown.
 */
type Lits = string[] | null;

export function requiredLiterals(re: RegExp): string[] | null {
  // Unicode mode folds case differently (simple case folding: 'ſ' matches 's'); the rules do
  // not use it, so such a regex is simply not prefiltered.
  if (/[uv]/.test(re.flags)) return null;
  const ignoreCase = re.flags.includes('i');
  const src = re.source;
  let i = 0;

  // Literals inside an alternation: every branch must yield literals.
  function alternation(): Lits {
    const branches: Lits[] = [sequence()];
    while (src[i] === '|') {
      i++;
      branches.push(sequence());
    }
    if (branches.some((b) => b === null)) return null;
    return [...new Set(branches.flat() as string[])];
  }

  // Quantifier after an item: its minimum repeat count (1 when there is none).
  function quantifier(): number {
    const c = src[i];
    let min = 1;
    if (c === '?' || c === '*') {
      min = 0;
      i++;
    } else if (c === '+') i++;
    else if (c === '{') {
      const m = /^\{(\d+)(,\d*)?\}/.exec(src.slice(i));
      if (!m) return 1; // a literal '{'
      min = Number(m[1]);
      i += m[0].length;
    } else return 1;
    if (src[i] === '?') i++; // lazy
    return min;
  }

  function sequence(): Lits {
    const candidates: string[][] = [];
    let run = '';
    const flush = () => {
      if (run) candidates.push([run]);
      run = '';
    };
    while (i < src.length && src[i] !== '|' && src[i] !== ')') {
      const c = src[i];
      let literal: string | undefined;
      let group: Lits | undefined;
      if (c === '\\') {
        const e = src[i + 1];
        i += 2;
        if (e === 'x') i += 2;
        else if (e === 'u') i += 4;
        else if (e === 'c' || e === 'k' || e === 'p' || e === 'P') throw new Unsupported();
        else if (/[1-9]/.test(e)) while (/[0-9]/.test(src[i] ?? '')) i++;
        else if (!/[A-Za-z0-9]/.test(e)) literal = e; // escaped punctuation: itself
      } else if (c === '[') {
        i++;
        if (src[i] === '^') i++;
        while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? 2 : 1;
        i++;
      } else if (c === '(') {
        i++;
        let lookaround = false;
        if (src[i] === '?') {
          if (src[i + 1] === ':') i += 2;
          else if (src[i + 1] === '=' || src[i + 1] === '!') {
            lookaround = true;
            i += 2;
          } else if (src[i + 1] === '<' && (src[i + 2] === '=' || src[i + 2] === '!')) {
            lookaround = true;
            i += 3;
          } else if (src[i + 1] === '<') i = src.indexOf('>', i) + 1;
          else throw new Unsupported(); // modifiers or syntax this analysis does not know
        }
        const inner = alternation();
        if (src[i] !== ')') throw new Unsupported();
        i++;
        group = lookaround ? null : inner;
      } else {
        i++;
        if (c !== '.' && c !== '^' && c !== '$') literal = c;
      }
      const min = quantifier();
      if (literal !== undefined) {
        if (min === 0) flush();
        else {
          run += ignoreCase ? String.fromCharCode(canonicalize(literal.charCodeAt(0))) : literal;
          if (src[i - 1] !== literal || min !== 1) flush(); // repeated: stop the run here
        }
      } else {
        flush();
        if (group && min > 0) candidates.push(group);
      }
    }
    flush();
    if (candidates.length === 0) return null;
    // The most selective requirement: longest shortest literal, then fewest literals.
    const score = (c: string[]) => Math.min(...c.map((s) => s.length)) * 1000 - c.length;
    return candidates.reduce((a, b) => (score(b) > score(a) ? b : a));
  }

  let out: Lits;
  try {
    out = alternation();
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
  if (i !== src.length) return null;
  // Case-sensitive literals would need a second automaton over the original text; those
  // rules are few and cheap, so they simply always run.
  if (!ignoreCase || !out || out.some((s) => s.length === 0)) return null;
  return out;
}

/**
 * Compile the prefilter of a rule list: `(text) => candidates`, where `candidates[r]` is false
 * only when rule `r` cannot match `text`. One pass over the text, two table lookups per
 * character.
 */
export function buildPrefilter(patterns: readonly RegExp[]): (text: string) => boolean[] {
  const lits = patterns.map(requiredLiterals);
  const always = lits.map((l) => l === null);
  // Symbols: the (canonical) characters that occur in literals; everything else is symbol 0.
  // `symOf` maps every UTF-16 code unit straight to the symbol of its canonical form.
  const symOfCanon = new Map<number, number>();
  for (const l of lits)
    for (const s of l ?? [])
      for (let k = 0; k < s.length; k++)
        if (!symOfCanon.has(s.charCodeAt(k))) symOfCanon.set(s.charCodeAt(k), symOfCanon.size + 1);
  const nSym = symOfCanon.size + 1;
  const symOf = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) symOf[c] = symOfCanon.get(canonicalize(c)) ?? 0;
  // Trie.
  const next: number[][] = [new Array<number>(nSym).fill(-1)];
  const out: Set<number>[] = [new Set()];
  lits.forEach((l, r) => {
    for (const s of l ?? []) {
      let st = 0;
      for (let k = 0; k < s.length; k++) {
        const a = symOfCanon.get(s.charCodeAt(k))!;
        if (next[st][a] === -1) {
          next[st][a] = next.length;
          next.push(new Array<number>(nSym).fill(-1));
          out.push(new Set());
        }
        st = next[st][a];
      }
      out[st].add(r);
    }
  });
  // Breadth-first failure links, folded into a complete transition table (a DFA).
  const fail = new Array<number>(next.length).fill(0);
  const queue: number[] = [];
  for (let a = 0; a < nSym; a++) {
    if (next[0][a] === -1) next[0][a] = 0;
    else queue.push(next[0][a]);
  }
  for (let q = 0; q < queue.length; q++) {
    const st = queue[q];
    for (const r of out[fail[st]]) out[st].add(r);
    for (let a = 0; a < nSym; a++) {
      const t = next[st][a];
      if (t === -1) next[st][a] = next[fail[st]][a];
      else {
        fail[t] = st === 0 ? 0 : next[fail[st]][a];
        queue.push(t);
      }
    }
  }
  const table = new Int32Array(next.length * nSym);
  next.forEach((row, st) => table.set(row, st * nSym));
  const hits = out.map((s) => [...s]);
  const hasHits = Uint8Array.from(hits, (h) => (h.length ? 1 : 0));

  return (text) => {
    const found = always.slice();
    let st = 0;
    for (let k = 0; k < text.length; k++) {
      st = table[st * nSym + symOf[text.charCodeAt(k)]];
      if (hasHits[st]) for (const r of hits[st]) found[r] = true;
    }
    return found;
  };
}
