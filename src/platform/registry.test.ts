import { describe, expect, it } from 'vitest';
import { createRegistry } from './registry.js';

describe('createRegistry', () => {
  it('indexes units by id in declaration order', () => {
    const r = createRegistry('demo', [{ id: 'b' }, { id: 'a' }]);
    expect(r.ids).toEqual(['b', 'a']);
    expect(r.get('a')).toEqual({ id: 'a' });
    expect(r.has('zzz')).toBe(false);
  });
  it('rejects duplicate and empty ids', () => {
    expect(() => createRegistry('demo', [{ id: 'a' }, { id: 'a' }])).toThrow(/duplicate id 'a'/);
    expect(() => createRegistry('demo', [{ id: ' ' }])).toThrow(/empty id/);
  });
});
