import { chance, pick, type Rng } from '../rng.js';

/**
 * A tiny template grammar. Templates use angle brackets U+27E8/U+27E9 so that attack payloads
 * can contain `{{...}}`, `${...}`, `[[...]]` and `<...>` literally (SSTI, shell, HTML):
 *
 *   ⟨name⟩        one random alternative of grammar entry `name` (expanded recursively)
 *   ⟨a|b|c⟩       one of the inline alternatives (may be empty: ⟨please |⟩)
 *   ⟨?name⟩       entry `name` half of the time, otherwise nothing
 *
 * Combinatorial composition gives far more lexical variety than a list of fixed strings.
 */
export type Grammar = Readonly<Record<string, readonly string[]>>;

const SLOT = /⟨([^⟨⟩]*)⟩/;
const MAX_STEPS = 400;

/**
 * Expands every slot of `template`. Throws on an unknown entry name (a typo in a grammar is a
 * programming error the tests catch) or on runaway recursion.
 */
export function expand(template: string, g: Grammar, rng: Rng, vars: Readonly<Record<string, string>> = {}): string {
  let out = template;
  for (let step = 0; step < MAX_STEPS; step++) {
    const m = SLOT.exec(out);
    if (!m) return out;
    const body = m[1];
    let rep: string;
    if (body.includes('|')) rep = pick(rng, body.split('|'));
    else if (body.startsWith('?')) rep = chance(rng, 0.5) ? resolve(body.slice(1), g, rng, vars) : '';
    else rep = resolve(body, g, rng, vars);
    out = out.slice(0, m.index) + rep + out.slice(m.index + m[0].length);
  }
  throw new Error(`grammar expansion did not terminate: ${template.slice(0, 80)}`);
}

function resolve(name: string, g: Grammar, rng: Rng, vars: Readonly<Record<string, string>>): string {
  if (name in vars) return vars[name];
  const alts = g[name];
  if (!alts) throw new Error(`grammar: unknown entry '${name}'`);
  return pick(rng, alts);
}

/** Tidies what expansion leaves behind: doubled spaces, space before punctuation. */
export function tidy(s: string): string {
  return s
    .replace(/(?<=\S)[ \t]{2,}/g, ' ')
    .replace(/ +([,.;:!?])(?=\s|$)/g, '$1')
    .replace(/([.!?:])\s*\.(?=\s|$)/g, '$1')
    .replace(/,\s*\./g, '.')
    .replace(/ +$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Upper-cases the first letter (after leading punctuation/quotes). */
export function capitalize(s: string): string {
  return s.replace(/^([^\p{L}]*)(\p{L})/u, (_, a: string, b: string) => a + b.toUpperCase());
}
