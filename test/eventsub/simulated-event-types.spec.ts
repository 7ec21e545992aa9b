import { SIMULATED_EVENT_TYPES } from '@twitch-realtime/twitch-simulator';
import { TWITCH_EVENT_TYPES } from '../../src/contract/sse-contract.js';

/**
 * The simulator keeps its own list of the types it serves (it stands in for Twitch and imports
 * nothing from the service), so the two lists are written twice on purpose. This keeps them the
 * same: a type the service can subscribe to that the simulator does not serve could be used by no
 * demo and no end-to-end test.
 */
describe('the event types', () => {
  it('the simulator serves exactly the types the service can subscribe to', () => {
    expect([...SIMULATED_EVENT_TYPES].sort()).toEqual([...TWITCH_EVENT_TYPES].sort());
  });
});
