import { describe, expect, it } from 'vitest';
import { strategies, strategyRegistry } from './index.js';

describe('strategy registry', () => {
  it('has at least 15 real strategies, each with a title and description', () => {
    expect(strategies.filter((s) => s.id !== 'none').length).toBeGreaterThanOrEqual(15);
    for (const s of strategies) {
      expect(s.title.length).toBeGreaterThan(3);
      expect(s.description.length).toBeGreaterThan(10);
    }
    expect(strategyRegistry.ids).toContain('base64');
  });
});
