import { describe, expect, it } from 'vitest';
import { CallerCache } from './caller-cache.js';

describe('the cache of session callers', () => {
  const loader = (values: string[]) => {
    let calls = 0;
    return { load: async () => values[calls++], calls: () => calls };
  };

  it('keeps nothing until change notices are heard, then serves the kept caller', async () => {
    const cache = new CallerCache<string>();
    const l = loader(['a', 'b', 'c']);
    expect(await cache.get('s', l.load)).toBe('a');
    expect(await cache.get('s', l.load)).toBe('b');
    cache.setListening(true);
    expect(await cache.get('s', l.load)).toBe('c');
    expect(await cache.get('s', l.load)).toBe('c');
    expect(l.calls()).toBe(3);
  });

  it('forgets on a change, when the notices stop, and after its time to live', async () => {
    let clock = 0;
    const cache = new CallerCache<number>(1_000, 10, () => clock);
    cache.setListening(true);
    let n = 0;
    const load = async () => ++n;
    expect(await cache.get('s', load)).toBe(1);
    cache.forget();
    expect(await cache.get('s', load)).toBe(2);
    clock = 999;
    expect(await cache.get('s', load)).toBe(2);
    clock = 1_000;
    expect(await cache.get('s', load)).toBe(3);
    cache.setListening(false);
    expect(await cache.get('s', load)).toBe(4);
    expect(await cache.get('s', load)).toBe(5);
  });

  it('does not keep what a read began before a change', async () => {
    const cache = new CallerCache<string>();
    cache.setListening(true);
    let finish!: (v: string) => void;
    const slow = cache.get('s', () => new Promise<string>((resolve) => (finish = resolve)));
    cache.forget();
    finish('stale');
    expect(await slow).toBe('stale');
    expect(await cache.get('s', async () => 'fresh')).toBe('fresh');
  });

  it('keeps unknown sessions out and holds at most its maximum, dropping the oldest', async () => {
    const cache = new CallerCache<string>(60_000, 2);
    cache.setListening(true);
    expect(await cache.get('none', async () => undefined)).toBeUndefined();
    expect(cache.size).toBe(0);
    for (const k of ['a', 'b', 'c']) await cache.get(k, async () => k);
    expect(cache.size).toBe(2);
    expect(await cache.get('a', async () => 'a again')).toBe('a again');
    expect(await cache.get('c', async () => 'not read')).toBe('c');
  });
});
