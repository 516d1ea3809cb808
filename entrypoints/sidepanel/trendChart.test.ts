import { describe, expect, it } from 'vitest';
import { linePath, maxOf, minOf, newLostBars, xOf, yOf } from './trendChart';

const box = { width: 100, height: 50, pad: 5 };

describe('trend chart geometry', () => {
  it('places values on a 0…max scale inside the padding', () => {
    expect(yOf(0, 10, box)).toBe(45);
    expect(yOf(10, 10, box)).toBe(5);
    expect(yOf(5, 0, box)).toBe(45);
    expect(xOf(0, 3, box)).toBe(5);
    expect(xOf(2, 3, box)).toBe(95);
    expect(xOf(0, 1, box)).toBe(50);
  });

  it('draws a line through known values and breaks it at an unknown one', () => {
    expect(linePath([0, 10, null, 5], 10, box)).toBe('M5.0 45.0 L35.0 5.0 M95.0 25.0');
    expect(linePath([], 10, box)).toBe('');
    // From min to max: the lowest point at the bottom, the highest at the top.
    expect(minOf([null, 4, 2], [3])).toBe(2);
    expect(minOf([null])).toBe(0);
    expect(linePath([100, 110], 110, box, 100)).toBe('M5.0 45.0 L95.0 5.0');
  });

  it('scales new and lost bars to the larger of the two', () => {
    expect(maxOf([1, null, 7], [3])).toBe(7);
    const bars = newLostBars([10, 0], [5, null], box);
    expect(bars).toHaveLength(2);
    expect(bars[0]).toMatchObject({ up: 20, down: 10, mid: 25 });
    expect(bars[1]).toMatchObject({ up: 0, down: 0 });
  });
});
