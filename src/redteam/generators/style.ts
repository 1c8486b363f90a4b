import { chance, int, pick, type Rng } from '../rng.js';

/**
 * Surface noise shared by attacks AND benign samples, with the same probabilities, so that a
 * model trained on generated data cannot learn "generated style" as the attack signal: casing,
 * punctuation, typos, chatty openers and closers are class-neutral here by construction.
 */
const OPENERS = ['hey, ', 'hi! ', 'ok so ', 'quick question: ', 'hello. ', 'um, ', 'so ', 'Hi there, ', 'yo ', 'Good morning! ', 'one more thing: ', 'Alright. ', 'please help: ', ''];
const CLOSERS = [' thanks', ' thx!', ' Thanks in advance.', ' :)', ' pls', ' asap', ' Cheers.', ' ty', '!!', ' ...', ' 🙏', ' lol', ' Appreciate it.'];

const KEYBOARD_NEIGHBOURS: Record<string, string> = {
  a: 'qs', b: 'vn', c: 'xv', d: 'sf', e: 'wr', f: 'dg', g: 'fh', h: 'gj', i: 'uo', j: 'hk', k: 'jl', l: 'k',
  m: 'n', n: 'bm', o: 'ip', p: 'o', q: 'w', r: 'et', s: 'ad', t: 'ry', u: 'yi', v: 'cb', w: 'qe', x: 'zc', y: 'tu', z: 'x',
};

/** Introduces `n` realistic typos (neighbour key, drop, double, swap) at random word positions. */
export function addTypos(text: string, rng: Rng, n: number): string {
  const chars = [...text];
  for (let k = 0; k < n; k++) {
    const letters = chars.map((c, i) => (/[a-z]/.test(c) ? i : -1)).filter((i) => i >= 0);
    if (letters.length < 4) break;
    const i = pick(rng, letters);
    const c = chars[i];
    const op = int(rng, 0, 3);
    if (op === 0) chars[i] = pick(rng, [...(KEYBOARD_NEIGHBOURS[c] ?? c)]);
    else if (op === 1) chars.splice(i, 1);
    else if (op === 2) chars.splice(i, 0, c);
    else if (i + 1 < chars.length && /[a-z]/.test(chars[i + 1])) [chars[i], chars[i + 1]] = [chars[i + 1], chars[i]];
  }
  return chars.join('');
}

/** Random casing and punctuation; the level of noise itself is random (often none). */
export function stylize(text: string, rng: Rng): string {
  let t = text;
  const multiline = t.includes('\n');
  if (!multiline && chance(rng, 0.12)) t = pick(rng, OPENERS) + t;
  if (!multiline && chance(rng, 0.1)) t = t.replace(/[.!]?$/, '') + pick(rng, CLOSERS);
  const r = rng();
  if (r < 0.15) t = t.toLowerCase();
  else if (r < 0.18 && t.length < 300) t = t.toUpperCase();
  else if (r < 0.22) t = t.replace(/^./, (c) => c.toLowerCase());
  if (chance(rng, 0.15)) t = t.replace(/[.?!]$/, '');
  if (chance(rng, 0.05)) t = t.replace(/([?!])$/, '$1$1$1');
  if (chance(rng, 0.18)) t = addTypos(t, rng, int(rng, 1, Math.max(1, Math.min(4, Math.floor(t.length / 60)))));
  if (chance(rng, 0.04)) t = t.replace(/\. /g, '.  ');
  return t;
}
