import { describe, expect, it } from 'vitest';
import { ATTACK_LABELS } from '../ml/labels.js';
import { generateAttacks, generateBenign } from './index.js';
import { BENIGN_KINDS, categoryGenerators } from './generators/index.js';
import { strategyRegistry } from './strategies/index.js';

function distinctRatio(texts: string[]): number {
  return new Set(texts).size / texts.length;
}

describe('generateAttacks', () => {
  it('covers every attack label, is reproducible, and item i does not depend on count', () => {
    expect(categoryGenerators.map((g) => g.id).sort()).toEqual([...ATTACK_LABELS].sort());
    const a = generateAttacks({ count: 400, seed: 11 });
    const b = generateAttacks({ count: 400, seed: 11 });
    expect(a).toEqual(b);
    expect(generateAttacks({ count: 50, seed: 11 })).toEqual(a.slice(0, 50));
    const c = generateAttacks({ count: 400, seed: 12 });
    expect(c.map((x) => x.text)).not.toEqual(a.map((x) => x.text));
    for (const label of ATTACK_LABELS) expect(a.filter((x) => x.category === label).length).toBe(100);
  });

  it('is lexically diverse: few duplicates, many techniques, varied lengths, some multilingual', () => {
    const a = generateAttacks({ count: 2000, seed: 5 });
    expect(distinctRatio(a.map((x) => x.text))).toBeGreaterThan(0.93);
    for (const g of categoryGenerators) {
      const techs = new Set(a.filter((x) => x.category === g.id).map((x) => x.technique));
      expect(techs.size).toBe(g.techniques.length);
    }
    const lens = a.map((x) => x.text.length).sort((p, q) => p - q);
    expect(lens[Math.floor(lens.length * 0.05)]).toBeLessThan(60);
    expect(lens[lens.length - 1]).toBeGreaterThan(1000);
    const jb = a.filter((x) => x.category === 'jailbreak').map((x) => x.text.length).sort((p, q) => p - q);
    expect(jb[Math.floor(jb.length * 0.9)]).toBeGreaterThan(500);
    expect(a.filter((x) => x.lang).length).toBeGreaterThan(40);
    // No template slot left unexpanded.
    expect(a.some((x) => /[⟨⟩]/.test(x.text))).toBe(false);
  });

  it('applies one strategy per attack, balanced over (category, strategy)', () => {
    const ids = ['base64', 'leetspeak', 'none'];
    const a = generateAttacks({ count: 120, seed: 1, strategies: ids });
    for (const cat of ATTACK_LABELS) for (const s of ids) {
      const n = a.filter((x) => x.category === cat && (x.strategies[0] ?? 'none') === s).length;
      expect(n).toBe(10);
    }
  });

  it('rejects unknown categories and strategies with a 404 listing the known ones, and bad counts with 400', () => {
    expect(() => generateAttacks({ count: 1, seed: 1, categories: ['nope'] })).toThrow(/Unknown attack category 'nope'. Known: prompt_injection/);
    try {
      generateAttacks({ count: 1, seed: 1, strategies: ['rot14'] });
      expect.unreachable();
    } catch (e: any) {
      expect(e.status).toBe(404);
      expect(e.message).toContain(strategyRegistry.ids.join(', '));
    }
    expect(() => generateAttacks({ count: 0, seed: 1 })).toThrow(/count/);
    expect(() => generateAttacks({ count: 1.5, seed: 1 })).toThrow(/count/);
  });

  it('works with every strategy on every category without throwing', () => {
    const a = generateAttacks({ count: strategyRegistry.ids.length * 8, seed: 3, strategies: [...strategyRegistry.ids] });
    expect(a.every((x) => x.text.length > 0)).toBe(true);
  });
});

describe('generateBenign', () => {
  it('is reproducible, diverse and covers every kind', () => {
    const a = generateBenign({ count: 1500, seed: 2 });
    expect(generateBenign({ count: 1500, seed: 2 })).toEqual(a);
    expect(new Set(a.map((x) => x.kind))).toEqual(new Set(BENIGN_KINDS));
    expect(distinctRatio(a.map((x) => x.text))).toBeGreaterThan(0.6);
    expect(a.some((x) => /[⟨⟩]/.test(x.text))).toBe(false);
  });

  it('contains hard negatives with attack vocabulary', () => {
    const texts = generateBenign({ count: 2000, seed: 9 }).map((x) => x.text.toLowerCase());
    for (const w of ['ignore', 'override', 'kill', 'system prompt', 'pretend', 'act as', 'jailbreak', 'injection']) {
      expect(texts.some((t) => t.includes(w))).toBe(true);
    }
  });

  it('restricts to requested kinds', () => {
    const a = generateBenign({ count: 50, seed: 2, kinds: ['roleplay'] });
    expect(a.every((x) => x.kind === 'roleplay')).toBe(true);
  });
});
