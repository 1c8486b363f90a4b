/**
 * A literal prefilter for the signature rules: most texts are clean, and running ~40 regexes
 * over every view of them was the largest cost of the fast path. For each rule we derive, from
 * its own source, a set of literal strings such that every match of the rule contains one of
 * them; one pass of an Aho-Corasick automaton over the text then says which rules can match at
 * all, and only those regexes run. The analysis is conservative: when it cannot prove a literal
 * is required (wide character classes, lookarounds, Unicode-mode rules...) the rule has no
 * literals and always runs, so findings are exactly those of running every rule.
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

/** A set of literals of which every match contains at least one; null when unknown. */
type Lits = string[] | null;

/** The most selective clause: longest shortest literal, then fewest literals. */
function best(clauses: string[][]): string[] {
  const score = (c: string[]) => Math.min(...c.map((s) => s.length)) * 1000 - c.length;
  return clauses.reduce((a, b) => (score(b) > score(a) ? b : a));
}

/**
 * Required literals of a regex (every match contains at least one), canonicalised (see above),
 * or null when unknown: per top-level branch, its most selective clause.
 */
export function requiredLiterals(re: RegExp): string[] | null {
  const branches = requiredClauses(re);
  return branches && [...new Set(branches.flatMap(best))];
}

/**
 * What every match of a regex must contain, as alternatives (one per top-level branch) of
 * clauses that must all hold: a match of branch b contains, for every clause of b, one of its
 * literals. Canonicalised (see above); null when unknown. Requiring all the clauses of a
 * branch, not only its most selective one, is what skips rules such as "(what is|tell me) ...
 * your ... (password|secret)" on the many texts that say "your" and "what" but never
 * "password".
 */
export function requiredClauses(re: RegExp): string[][][] | null {
  const a = analyse(re);
  if (!a || a.branches.some((b) => b.clauses === null)) return null;
  const out = a.branches.map((b) => b.clauses!);
  return out.some((b) => b.some((c) => c.some((s) => s.length === 0))) ? null : out;
}

/**
 * Literals of which every match of a regex starts with one (after zero-width assertions such
 * as \b or a lookbehind), canonicalised; null when some branch can start otherwise. Such a
 * rule need only be tried where one of them occurs.
 */
export function startLiterals(re: RegExp): string[] | null {
  const a = analyse(re);
  if (!a || a.branches.some((b) => b.start === null || b.start.some((s) => s.length === 0))) return null;
  return [...new Set(a.branches.flatMap((b) => b.start!))];
}

interface Branch {
  /** Clauses the branch requires (all of them), or null. */
  clauses: string[][] | null;
  /** Literals the branch starts with (one of them), or null. */
  start: Lits;
}

function analyse(re: RegExp): { branches: Branch[] } | null {
  // Unicode mode folds case differently (simple case folding: 'ſ' matches 's'); the rules do
  // not use it, so such a regex is simply not prefiltered.
  if (/[uv]/.test(re.flags)) return null;
  const src = re.source;
  let i = 0;

  // An alternation's branches (the clauses each requires, the literals each starts with).
  function branches(): Branch[] {
    const out = [sequence()];
    while (src[i] === '|') {
      i++;
      out.push(sequence());
    }
    return out;
  }

  // A nested alternation as one clause (every branch must yield literals) and its starts.
  function alternation(): { clause: Lits; start: Lits } {
    const bs = branches();
    return {
      clause: bs.some((b) => b.clauses === null) ? null : [...new Set(bs.flatMap((b) => best(b.clauses!)))],
      start: bs.some((b) => b.start === null) ? null : [...new Set(bs.flatMap((b) => b.start!))],
    };
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

  function sequence(): Branch {
    const candidates: string[][] = [];
    let run = '';
    // How the branch starts: not known yet, with the literal run being built, or decided.
    let first: 'none' | 'run' | 'done' = 'none';
    let start: Lits = null;
    const flush = () => {
      if (run) {
        candidates.push([run]);
        if (first === 'run') start = [run];
      }
      if (first === 'run') first = 'done';
      run = '';
    };
    while (i < src.length && src[i] !== '|' && src[i] !== ')') {
      const c = src[i];
      let literal: string | undefined;
      let group: Lits | undefined;
      let groupStart: Lits = null;
      let zeroWidth = false;
      if (c === '\\') {
        const e = src[i + 1];
        i += 2;
        if (e === 'x') i += 2;
        else if (e === 'u') i += 4;
        else if (e === 'c' || e === 'k' || e === 'p' || e === 'P') throw new Unsupported();
        else if (/[1-9]/.test(e)) while (/[0-9]/.test(src[i] ?? '')) i++;
        else if (e === 'b' || e === 'B') zeroWidth = true;
        else if (!/[A-Za-z0-9]/.test(e)) literal = e; // escaped punctuation: itself
      } else if (c === '[') {
        // A short class of plain characters ("[;&|`]", "['\"]") requires one of them.
        const end = src.indexOf(']', i + 1);
        const body = src.slice(i + 1, end);
        if (end > i + 1 && body.length <= 8 && /^[^\\^\]-]+$/.test(body)) {
          group = [...new Set([...body].map((ch) => String.fromCharCode(canonicalize(ch.charCodeAt(0)))))];
          groupStart = group;
          i = end + 1;
        } else {
          i++;
          if (src[i] === '^') i++;
          while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? 2 : 1;
          i++;
        }
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
        group = lookaround ? null : inner.clause;
        groupStart = inner.start;
        zeroWidth = lookaround;
      } else {
        i++;
        if (c === '^' || c === '$') zeroWidth = true;
        else if (c !== '.') literal = c;
      }
      const min = quantifier();
      if (first === 'none' && !zeroWidth) {
        // The branch's first consuming item decides how its matches start.
        if (literal !== undefined && min > 0) first = 'run';
        else {
          first = 'done';
          start = group !== undefined && min > 0 ? groupStart : null;
        }
      }
      if (literal !== undefined) {
        if (min === 0) flush();
        else {
          // Canonical even for a case-sensitive regex: matching the text case-insensitively
          // finds a superset of its exact occurrences, so the literal stays necessary.
          run += String.fromCharCode(canonicalize(literal.charCodeAt(0))).repeat(Math.min(min, 8));
          if (src[i - 1] !== literal || min !== 1) flush(); // repeated: stop the run here
        }
      } else {
        flush();
        if (group && min > 0) candidates.push(group);
      }
    }
    flush();
    return { clauses: candidates.length === 0 ? null : candidates, start };
  }

  let out: Branch[];
  try {
    out = branches();
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
  return i === src.length ? { branches: out } : null;
}

/** What the prefilter says about one text; the `starts` arrays are reused by the next call. */
export interface Prefiltered {
  /** candidates[r] is false only when rule r cannot match the text. */
  candidates: boolean[];
  /**
   * For a rule whose matches all start with one of its start literals: every position where
   * one occurs (ascending, distinct), so the regex need only be tried there. null otherwise.
   */
  starts: (number[] | null)[];
}

/**
 * Compile the prefilter of a rule list: one pass over the text, two table lookups per
 * character, says which rules can match (`candidates`) and where the anchorable ones can
 * start (`starts`).
 */
export function buildPrefilter(patterns: readonly RegExp[]): (text: string) => Prefiltered {
  const perRule = patterns.map(requiredClauses);
  const always = perRule.map((b) => b === null);
  // Every clause gets an id; the automaton reports clause ids, and a rule is a candidate when
  // all the clauses of one of its branches were seen.
  const clauseLits: string[][] = [];
  const ruleBranches: number[][][] = perRule.map((bs) =>
    (bs ?? []).map((clauses) => clauses.map((c) => clauseLits.push(c) - 1)),
  );
  // Start literals: reported with the rule and the literal's length, to recover its position.
  // Only starts of 3+ characters: recording every "a" or "is" cost the scan more than trying
  // those rules' regexes everywhere (measured on 500-word texts: min 1 / 3 / 5 characters gave
  // 0.27 / 0.15 / 0.29 ms per text).
  const startLits = patterns.map((re, r) => {
    const l = always[r] ? null : startLiterals(re);
    return l && Math.min(...l.map((x) => x.length)) >= 3 ? l : null;
  });
  const startEntries: { rule: number; len: number; lit: string }[] = [];
  startLits.forEach((l, rule) => l?.forEach((lit) => startEntries.push({ rule, len: lit.length, lit })));
  // Symbols: the (canonical) characters that occur in literals; everything else is symbol 0.
  // `symOf` maps every UTF-16 code unit straight to the symbol of its canonical form.
  // ASCII symbols get the low numbers: with the multilingual literals there are ~160 symbols,
  // and an English text then touches only the first few cache lines of each table row.
  const litChars = new Set<number>();
  for (const s of [...clauseLits.flat(), ...startEntries.map((e) => e.lit)])
    for (let k = 0; k < s.length; k++) litChars.add(s.charCodeAt(k));
  const symOfCanon = new Map<number, number>();
  for (const c of [...litChars].sort((a, b) => a - b)) symOfCanon.set(c, symOfCanon.size + 1);
  const nSym = symOfCanon.size + 1;
  const symOf = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) symOf[c] = symOfCanon.get(canonicalize(c)) ?? 0;
  // Trie. Output ids below clauseLits.length are clauses, the others start entries.
  const next: number[][] = [new Array<number>(nSym).fill(-1)];
  const out: Set<number>[] = [new Set()];
  const insert = (s: string, id: number) => {
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
    out[st].add(id);
  };
  clauseLits.forEach((l, clause) => l.forEach((s) => insert(s, clause)));
  startEntries.forEach((e, j) => insert(e.lit, clauseLits.length + j));
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
  // States renumbered breadth-first (the root and the shallow states, where a scan spends most
  // of its steps, are adjacent rows), in 16-bit cells when they fit: ~3,900 states x ~160
  // symbols is 2.5 MB as Int32, half that here.
  const order = [0, ...queue];
  const rank = new Int32Array(next.length);
  order.forEach((st, i) => (rank[st] = i));
  const table =
    next.length <= 0xffff ? new Uint16Array(next.length * nSym) : new Int32Array(next.length * nSym);
  order.forEach((st, i) => {
    const row = next[st];
    for (let a = 0; a < nSym; a++) table[i * nSym + a] = rank[row[a]];
  });
  const nClauses = clauseLits.length;
  const hits = order.map((st) => [...out[st]].filter((id) => id < nClauses));
  const startHits = order.map((st) => [...out[st]].filter((id) => id >= nClauses).map((id) => id - nClauses));
  // Bit 1: the state ends clause literals; bit 2: it ends start literals.
  const hasHits = Uint8Array.from(hits, (h, st) => (h.length ? 1 : 0) | (startHits[st].length ? 2 : 0));
  // Short literals ("you", "<", "'") end at ~40% of the characters of ordinary text, mostly in
  // the same few states: a state's clauses are marked once per scan (stamped with the scan's
  // generation), not at every visit.
  const stamp = new Uint32Array(order.length);
  let scan = 0;
  const entryRule = startEntries.map((e) => e.rule);
  const entryLen = startEntries.map((e) => e.len);

  const seen = new Uint8Array(nClauses);
  const starts: (number[] | null)[] = startLits.map((l) => (l ? [] : null));
  return (text) => {
    seen.fill(0);
    for (const s of starts) if (s) s.length = 0;
    if (++scan === 0xffffffff) {
      stamp.fill(0);
      scan = 1;
    }
    let st = 0;
    for (let k = 0; k < text.length; k++) {
      st = table[st * nSym + symOf[text.charCodeAt(k)]];
      const h = hasHits[st];
      if (h !== 0) {
        if ((h & 1) !== 0 && stamp[st] !== scan) {
          stamp[st] = scan;
          for (const c of hits[st]) seen[c] = 1;
        }
        if ((h & 2) !== 0) for (const e of startHits[st]) starts[entryRule[e]]!.push(k - entryLen[e] + 1);
      }
    }
    const candidates = ruleBranches.map(
      (bs, r) => always[r] || bs.some((clauses) => clauses.every((c) => seen[c] === 1)),
    );
    // Positions arrive by end offset: literals of different lengths can interleave.
    for (const s of starts) {
      if (!s || s.length < 2) continue;
      let sorted = true;
      for (let k = 1; k < s.length && sorted; k++) sorted = s[k] > s[k - 1];
      if (!sorted) {
        s.sort((x, y) => x - y);
        let w = 1;
        for (let k = 1; k < s.length; k++) if (s[k] !== s[w - 1]) s[w++] = s[k];
        s.length = w;
      }
    }
    return { candidates, starts };
  };
}
