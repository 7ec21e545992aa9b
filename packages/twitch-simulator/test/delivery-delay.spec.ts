import { SimulatorFixture } from './support/simulator-fixture.js';

type Client = Awaited<ReturnType<SimulatorFixture['session']>>['client'];

/** The event objects of the notifications a client got, in order. */
const events = (client: Client) => client.ofType('notification').map((m) => m.payload.event);
/** Their `message_id`s. */
const messageIds = (client: Client) =>
  client.ofType('notification').map((m) => m.metadata.message_id);

/**
 * A delay per session: one session's frames go out late, in order, as over a slow path, so a
 * client holding two sessions sees one run ahead of the other (the hot standby's de-duplication
 * is tested both ways with it).
 */
describe('delivery delay per session', () => {
  let fx: SimulatorFixture;

  beforeEach(async () => {
    fx = await SimulatorFixture.start({ keepaliveSeconds: 30, pingIntervalMs: 0 });
  });

  afterEach(async () => fx.stop());

  it('lets one of two sessions with the same subscription run ahead, the other delivering the same messages later, in order', async () => {
    const fast = await fx.session();
    const slow = await fx.session();
    for (const { sessionId } of [fast, slow]) {
      expect((await fx.subscribe(sessionId, 'channel.follow')).status).toBe(202);
    }
    expect(fx.sim.setDeliveryDelay(400, slow.sessionId)).toBe(1);
    expect(fx.sim.sessions().map((s) => [s.id, s.deliveryDelayMs])).toEqual([
      [fast.sessionId, 0],
      [slow.sessionId, 400],
    ]);

    for (const user of ['first', 'second', 'third']) fx.sim.trigger('channel.follow', { user });
    await fast.client.waitForType('notification', 3);
    // The fast session has all three while the slow one still holds them back.
    expect(slow.client.ofType('notification')).toHaveLength(0);
    await slow.client.waitForType('notification', 3);
    expect(events(slow.client)).toEqual(events(fast.client));
    // Each subscription's notification is a message of its own with its own message_id (Twitch
    // documents message_id per message and says nothing of two subscriptions' copies of one
    // event): a de-duplication across sessions cannot count on the ids being equal.
    for (const id of messageIds(slow.client)) expect(messageIds(fast.client)).not.toContain(id);
    expect(
      slow.client
        .ofType('notification')
        .map((m) => (m.payload.event as { user_login: string }).user_login),
    ).toEqual(['first', 'second', 'third']);
  });

  it('never reorders frames when the delay is made shorter or ended, even on a busy loop', async () => {
    const { client, sessionId } = await fx.session();
    await fx.subscribe(sessionId, 'channel.follow');
    fx.sim.setDeliveryDelay(500, sessionId);
    fx.sim.trigger('channel.follow', { user: 'held_long' });
    fx.sim.setDeliveryDelay(50, sessionId);
    fx.sim.trigger('channel.follow', { user: 'held_short' });
    fx.sim.setDeliveryDelay(0, sessionId);
    // A busy loop: the held frames are due, but their timers have not run yet.
    const busyUntil = Date.now() + 600;
    while (Date.now() < busyUntil);
    fx.sim.trigger('channel.follow', { user: 'not_held' });
    await client.waitForType('notification', 3);
    expect(
      client
        .ofType('notification')
        .map((m) => (m.payload.event as { user_login: string }).user_login),
    ).toEqual(['held_long', 'held_short', 'not_held']);
  });

  it('refuses a delay that is not a whole number of milliseconds from 0 to 60000', () => {
    for (const bad of [-1, 1.5, 60_001, Number.NaN]) {
      expect(() => fx.sim.setDeliveryDelay(bad)).toThrow(/whole number of milliseconds/);
    }
  });
});
