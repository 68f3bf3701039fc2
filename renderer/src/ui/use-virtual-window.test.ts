// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { computeRange, findIndexAt } from './use-virtual-window.ts';

function offsetsOf(sizes: number[]): Float64Array {
  const out = new Float64Array(sizes.length + 1);
  sizes.forEach((s, i) => (out[i + 1] = (out[i] ?? 0) + s));
  return out;
}

describe('windowing arithmetic', () => {
  it('finds the item at a scroll offset', () => {
    const o = offsetsOf([100, 50, 200, 10]);
    expect(findIndexAt(o, 0)).toBe(0);
    expect(findIndexAt(o, 99)).toBe(0);
    expect(findIndexAt(o, 100)).toBe(1);
    expect(findIndexAt(o, 349)).toBe(2);
    expect(findIndexAt(o, 10_000)).toBe(4);
  });

  it('renders the visible items plus overscan on each side, clamped to the list', () => {
    const o = offsetsOf(Array.from({ length: 5000 }, () => 100));
    expect(computeRange(o, 5000, 0, 800, 5)).toEqual({ start: 0, end: 14 });
    expect(computeRange(o, 5000, 250_000, 800, 5)).toEqual({ start: 2495, end: 2514 });
    expect(computeRange(o, 5000, 499_200, 800, 5)).toEqual({ start: 4987, end: 5000 });
    expect(computeRange(o, 0, 0, 800, 5)).toEqual({ start: 0, end: 0 });
  });
});
