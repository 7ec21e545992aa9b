import { ReplayBuffer } from './replay-buffer.js';

const item = (id: number) => ({ id });

describe('ReplayBuffer', () => {
  it('returns the items after an id, oldest first', () => {
    const buffer = new ReplayBuffer(10);
    [3, 5, 8, 13].forEach((id) => buffer.push(item(id)));
    expect(buffer.after(5).map((i) => i.id)).toEqual([8, 13]);
    expect(buffer.after(4).map((i) => i.id)).toEqual([5, 8, 13]);
    expect(buffer.after(0).map((i) => i.id)).toEqual([3, 5, 8, 13]);
    expect(buffer.after(13)).toEqual([]);
  });

  it('keeps only the newest items and remembers the highest id it let go', () => {
    const buffer = new ReplayBuffer(3);
    const evicted = [];
    for (let id = 1; id <= 7; id++) evicted.push(buffer.push(item(id))?.id);
    expect(evicted).toEqual([undefined, undefined, undefined, 1, 2, 3, 4]);
    expect(buffer.size).toBe(3);
    expect(buffer.oldestId).toBe(5);
    expect(buffer.lastEvictedId).toBe(4);
    expect(buffer.after(2).map((i) => i.id)).toEqual([5, 6, 7]);
    expect(buffer.latest(2).map((i) => i.id)).toEqual([6, 7]);
  });

  it('finds an item by id while it is held', () => {
    const buffer = new ReplayBuffer(2);
    [4, 6, 9].forEach((id) => buffer.push(item(id)));
    expect(buffer.find(6)).toEqual(item(6));
    expect(buffer.find(4)).toBeUndefined();
    expect(buffer.find(7)).toBeUndefined();
  });

  it('refuses ids that do not increase', () => {
    const buffer = new ReplayBuffer(3);
    buffer.push(item(2));
    expect(() => buffer.push(item(2))).toThrow(RangeError);
  });

  it('refuses a capacity below one', () => {
    expect(() => new ReplayBuffer(0)).toThrow(RangeError);
  });
});
