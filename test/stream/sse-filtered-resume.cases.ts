import { EventBus } from '../../src/bus/event-bus.js';
import { SseTestClient } from '../support/sse-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { follow, raid, stats } from './numbered-messages.js';

const isIncomplete = (json: unknown) =>
  (json as { data?: { replay?: string } }).data?.replay === 'incomplete';

describe('a filtered client resuming after events it does not want fell out of the log', () => {
  let service: TestApp;
  let bus: EventBus;
  let streamUrl: string;
  const clients: SseTestClient[] = [];

  async function connect(query: string, lastEventId: number): Promise<SseTestClient> {
    const client = await SseTestClient.connect(`${streamUrl}${query}`, {
      'last-event-id': String(lastEventId),
    });
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    service = await startTestApp({ SSE_REPLAY_BUFFER_SIZE: '5' });
    bus = service.app.get(EventBus);
    streamUrl = `${service.baseUrl}/api/twitch/stream`;
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });

  afterAll(async () => {
    await service.close();
  });

  it('is not told its replay is incomplete when only events outside its filter were let go', async () => {
    for (const query of ['?events=channel.raid', '?types=event&events=channel.raid']) {
      const seen = bus.publish(raid(1));
      for (let n = 0; n < 10; n++) bus.publish(follow(n)); // the log keeps 5: the raid is gone
      const missed = bus.publish(raid(2));
      const client = await connect(query, seen.id);
      await client.waitForMessages(1);
      const live = bus.publish(raid(3));
      await client.waitForMessages(2);
      expect(client.messages.some((m) => isIncomplete(m.json))).toBe(false);
      expect(client.messages.map((m) => Number(m.id))).toEqual([missed.id, live.id]);
      await client.close();
    }
  });

  it('is told, with the current state, when an event it wanted could have been lost', async () => {
    const seen = bus.publish(follow(100));
    bus.publish(raid(4)); // wanted, and about to fall out of the log
    for (let n = 0; n < 6; n++) bus.publish(follow(200 + n));
    const client = await connect('?events=channel.raid', seen.id);
    await client.waitForMessages(1);
    expect(client.messages[0]?.json).toMatchObject({
      type: 'status',
      data: { replay: 'incomplete', requestedId: seen.id },
    });
  });

  it('gets only the state that changed when it wants no events at all', async () => {
    const seen = bus.publish(follow(300));
    for (let n = 0; n < 10; n++) bus.publish(follow(400 + n));
    const changed = bus.publish(stats(7));
    const client = await connect('?types=stats', seen.id);
    await client.waitForMessages(1);
    expect(client.messages.map((m) => m.json)).toEqual([changed.message]);
  });
});
