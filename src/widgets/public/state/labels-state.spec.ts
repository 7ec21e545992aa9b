import type { LabelsData, StreamMessage } from '../../../contract/sse-contract.js';
import { reduceLabels } from './labels-state.js';

describe("the label's state", () => {
  it("is the service's latest labels; other messages leave it", () => {
    const data = { session: { follows: 3 } } as unknown as LabelsData;
    const labels: StreamMessage = { type: 'labels', data };
    expect(reduceLabels(null, labels)).toBe(data);
    const stats: StreamMessage = {
      type: 'stats',
      data: { live: false, viewers: 0, followers: 1, subs: 0 },
    };
    expect(reduceLabels(data, stats)).toBe(data);
    expect(reduceLabels(null, stats)).toBeNull();
  });
});
