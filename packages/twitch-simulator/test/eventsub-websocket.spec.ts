import WebSocket from 'ws';
import { EventSubTestClient } from './support/eventsub-test-client.js';
import { eventually, SimulatorFixture } from './support/simulator-fixture.js';

describe('EventSub WebSocket', () => {
  let fx: SimulatorFixture;

  afterEach(async () => {
    await fx.stop();
  });

  describe('with a generous keepalive', () => {
    beforeEach(async () => {
      fx = await SimulatorFixture.start({ keepaliveSeconds: 30, pingIntervalMs: 0 });
    });

    it('welcomes a new connection with a session id, its keepalive timeout and when it connected', async () => {
      const client = await fx.connect();
      const [welcome] = await client.waitForType('session_welcome');
      expect(welcome.metadata).toEqual({
        message_id: expect.any(String),
        message_type: 'session_welcome',
        message_timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/),
      });
      expect(welcome.payload).toEqual({
        session: {
          id: expect.any(String),
          status: 'connected',
          keepalive_timeout_seconds: 30,
          reconnect_url: null,
          connected_at: expect.any(String),
        },
      });
      expect(client.messages).toHaveLength(1);
    });

    it.each([
      ['20', 20],
      ['600', 600],
      ['5', 10],
      ['9000', 600],
      ['abc', 30],
    ])(
      'honours ?keepalive_timeout_seconds=%s as %d (Twitch moves numbers to 10..600)',
      async (asked, given) => {
        const client = await fx.connect(`?keepalive_timeout_seconds=${asked}`);
        const [welcome] = await client.waitForType('session_welcome');
        expect(welcome.payload.session.keepalive_timeout_seconds).toBe(given);
      },
    );

    it('sends a notification with full metadata and the subscription it belongs to', async () => {
      const { client, sessionId } = await fx.session();
      const created = await fx.subscribe(sessionId, 'channel.follow');
      expect(created.status).toBe(202);
      fx.sim.trigger('channel.follow', { user: 'alice' });
      const [notification] = await client.waitForType('notification');
      expect(notification.metadata).toEqual({
        message_id: expect.any(String),
        message_type: 'notification',
        message_timestamp: expect.any(String),
        subscription_type: 'channel.follow',
        subscription_version: '2',
      });
      expect(notification.payload.subscription).toEqual({
        id: created.json.data[0].id,
        status: 'enabled',
        type: 'channel.follow',
        version: '2',
        cost: 0,
        condition: { broadcaster_user_id: '1000', moderator_user_id: '1000' },
        transport: { method: 'websocket', session_id: sessionId },
        created_at: created.json.data[0].created_at,
      });
      expect(notification.payload.event.user_login).toBe('alice');
    });

    it('closes with 4001 when the client sends anything, and the subscriptions say why', async () => {
      const { client, sessionId } = await fx.session();
      await fx.subscribe(sessionId, 'stream.online');
      client.socket.send('hello');
      expect(await client.waitForClose()).toEqual({ code: 4001, reason: 'sent inbound traffic' });
      expect(fx.sim.subscriptions()[0]).toMatchObject({
        status: 'websocket_received_inbound_traffic',
        transport: { session_id: sessionId, disconnected_at: expect.any(String) },
      });
    });

    it('answers a connection to a reconnect URL it never gave with 4007', async () => {
      const client = await fx.connect('?reconnect_id=made-up');
      expect(await client.waitForClose()).toEqual({
        code: 4007,
        reason: 'invalid reconnect attempt',
      });
      expect(client.messages).toHaveLength(0);
    });

    it('refuses paths other than /ws', async () => {
      const socket = new WebSocket(`ws://127.0.0.1:${fx.sim.port}/elsewhere`);
      const error = await new Promise<Error>((resolve) => socket.once('error', resolve));
      expect(error.message).toContain('404');
    });
  });

  describe('timing', () => {
    beforeEach(async () => {
      fx = await SimulatorFixture.start({ keepaliveSeconds: 1, pingIntervalMs: 0 });
    });

    it('closes with 4003 when nothing subscribes within the keepalive window', async () => {
      const { client } = await fx.session();
      expect(await client.waitForClose()).toEqual({ code: 4003, reason: 'connection unused' });
    });

    it('keeps a subscribed connection open and sends keepalives when idle, one timeout apart', async () => {
      const { client, sessionId } = await fx.session();
      await fx.subscribe(sessionId, 'stream.online');
      const keepalives = await client.waitForType('session_keepalive', 3);
      expect(keepalives[0].payload).toEqual({});
      expect(keepalives[0].metadata).toEqual({
        message_id: expect.any(String),
        message_type: 'session_keepalive',
        message_timestamp: expect.any(String),
      });
      // Timers fire late, never early: gaps are at least (about) the timeout, however loaded the machine.
      const times = [client.ofType('session_welcome')[0], ...keepalives].map((m) =>
        Date.parse(m.metadata.message_timestamp),
      );
      for (let i = 1; i < times.length; i++)
        expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(990);
      expect(client.closed).toBeNull();
    });

    it('stops and resumes keepalives on demand', async () => {
      const { client, sessionId } = await fx.session();
      await fx.subscribe(sessionId, 'stream.online');
      await client.waitForType('session_keepalive', 1);
      expect(fx.sim.setKeepalives(false)).toBe(1);
      const countAtStop = client.ofType('session_keepalive').length;
      // Three timeouts of silence (a notification proves the socket is still alive and listened to).
      await new Promise((resolve) => setTimeout(resolve, 3500));
      fx.sim.trigger('stream.online');
      await client.waitForType('notification');
      expect(client.ofType('session_keepalive').length).toBeLessThanOrEqual(countAtStop + 1);
      fx.sim.setKeepalives(true);
      await client.waitForType('session_keepalive', countAtStop + 2);
    });
  });

  describe('ping-pong', () => {
    beforeEach(async () => {
      fx = await SimulatorFixture.start({ keepaliveSeconds: 30, pingIntervalMs: 200 });
    });

    it('closes with 4002 when the client does not answer pings', async () => {
      const client = await EventSubTestClient.connect(fx.sim.socketUrl, { autoPong: false });
      fx.clients.push(client);
      await client.welcome();
      expect(await client.waitForClose()).toEqual({ code: 4002, reason: 'failed ping pong' });
    });

    it('keeps a client that answers pings', async () => {
      const { client, sessionId } = await fx.session();
      await fx.subscribe(sessionId, 'stream.online');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(client.closed).toBeNull();
    });
  });

  describe('reconnect', () => {
    beforeEach(async () => {
      fx = await SimulatorFixture.start({
        keepaliveSeconds: 30,
        pingIntervalMs: 0,
        reconnectGraceMs: 1500,
        reconnectOverlapMs: 200,
      });
    });

    it('moves subscriptions to the new socket: the old one delivers until the new one is welcomed, then closes', async () => {
      const { client: old, sessionId: oldId } = await fx.session();
      await fx.subscribe(oldId, 'channel.follow');
      expect(fx.sim.requestReconnect()).toBe(1);
      const [reconnect] = await old.waitForType('session_reconnect');
      expect(reconnect.payload.session).toEqual({
        id: oldId,
        status: 'reconnecting',
        keepalive_timeout_seconds: null,
        reconnect_url: expect.stringMatching(
          new RegExp(`^ws://127\\.0\\.0\\.1:${fx.sim.port}/ws\\?`),
        ),
        connected_at: expect.any(String),
      });

      fx.sim.trigger('channel.follow', { user: 'before_reconnect' });
      await old.waitForType('notification', 1);

      const fresh = await EventSubTestClient.connect(reconnect.payload.session.reconnect_url);
      fx.clients.push(fresh);
      const newId = await fresh.welcome();
      expect(newId).not.toBe(oldId);
      expect(fx.sim.subscriptions()[0]).toMatchObject({
        status: 'enabled',
        transport: { session_id: newId },
      });

      fx.sim.trigger('channel.follow', { user: 'after_reconnect' });
      const [delivered] = await fresh.waitForType('notification', 1);
      expect(delivered.payload.event.user_login).toBe('after_reconnect');
      expect(delivered.payload.subscription.transport.session_id).toBe(newId);
      expect(await old.waitForClose()).toEqual({ code: 1000, reason: 'client reconnected' });
      expect(old.ofType('notification')).toHaveLength(1);
      expect(fresh.closed).toBeNull();
    });

    it('keeps the keepalive timeout the client chose across a reconnect', async () => {
      const { client: old, sessionId } = await fx.session('?keepalive_timeout_seconds=45');
      await fx.subscribe(sessionId, 'stream.online');
      fx.sim.requestReconnect();
      const [reconnect] = await old.waitForType('session_reconnect');
      const fresh = await EventSubTestClient.connect(reconnect.payload.session.reconnect_url);
      fx.clients.push(fresh);
      const [welcome] = await fresh.waitForType('session_welcome');
      expect(welcome.payload.session.keepalive_timeout_seconds).toBe(45);
    });

    it('closes the old socket with 4004 when the client does not reconnect in time', async () => {
      const { client, sessionId } = await fx.session();
      await fx.subscribe(sessionId, 'stream.online');
      fx.sim.requestReconnect();
      await client.waitForType('session_reconnect');
      expect(await client.waitForClose()).toEqual({
        code: 4004,
        reason: 'client reconnect grace time expired',
      });
      expect(fx.sim.subscriptions()[0].status).toBe('websocket_failed_to_reconnect');
    });

    it('answers a reconnect URL used once already, or too late, with 4007', async () => {
      const { client: old, sessionId } = await fx.session();
      await fx.subscribe(sessionId, 'stream.online');
      fx.sim.requestReconnect();
      const [reconnect] = await old.waitForType('session_reconnect');
      const url = reconnect.payload.session.reconnect_url as string;
      const first = await EventSubTestClient.connect(url);
      fx.clients.push(first);
      await first.welcome();
      const second = await EventSubTestClient.connect(url);
      fx.clients.push(second);
      expect(await second.waitForClose()).toEqual({
        code: 4007,
        reason: 'invalid reconnect attempt',
      });
    });
  });

  describe('faults and dropped sockets', () => {
    beforeEach(async () => {
      fx = await SimulatorFixture.start({
        keepaliveSeconds: 30,
        pingIntervalMs: 0,
        dropNoticeMs: 300,
      });
    });

    it('drops a socket without a close frame; Twitch notices a little later and disables its subscriptions', async () => {
      const { client, sessionId } = await fx.session();
      await fx.subscribe(sessionId, 'stream.online');
      expect(fx.sim.dropConnections()).toBe(1);
      expect((await client.waitForClose()).code).toBe(1006);
      // Until Twitch notices, the transport still looks connected.
      expect(fx.sim.subscriptions()[0].status).toBe('enabled');
      await eventually(
        () => fx.sim.subscriptions()[0].status === 'websocket_disconnected',
        'the drop to be noticed',
      );
    });

    it('closes sockets with any code and reason', async () => {
      const { client, sessionId } = await fx.session();
      await fx.subscribe(sessionId, 'stream.online');
      expect(fx.sim.closeConnections(4000, 'internal server error')).toBe(1);
      expect(await client.waitForClose()).toEqual({ code: 4000, reason: 'internal server error' });
      expect(fx.sim.subscriptions()[0].status).toBe('websocket_internal_error');
    });

    it('keeps the subscriptions of a socket the client closed, disabled, until they are deleted', async () => {
      const { client, sessionId } = await fx.session();
      const created = await fx.subscribe(sessionId, 'stream.online');
      client.socket.close(1000);
      await client.waitForClose();
      await eventually(
        () => fx.sim.subscriptions()[0].status === 'websocket_disconnected',
        'the subscription to be disabled',
      );
      const listed = await fx.api('/eventsub/subscriptions');
      expect(listed.json.total).toBe(1);
      expect(listed.json.data[0].status).toBe('websocket_disconnected');
      expect(
        (
          await fx.api(`/eventsub/subscriptions?id=${created.json.data[0].id}`, {
            method: 'DELETE',
          })
        ).status,
      ).toBe(204);
      expect((await fx.api('/eventsub/subscriptions')).json.total).toBe(0);
    });

    it('sends a frame that is not JSON', async () => {
      const { client } = await fx.session();
      expect(fx.sim.sendMalformedFrame()).toBe(1);
      await client.waitFor(() => client.rawFrames.length === 2, 'the malformed frame');
      expect(() => JSON.parse(client.rawFrames[1])).toThrow();
    });

    it('delivers a notification twice with the same message_id, and again with a new one', async () => {
      const { client, sessionId } = await fx.session();
      await fx.subscribe(sessionId, 'channel.cheer');
      expect(
        fx.sim.trigger('channel.cheer', { user: 'bob', bits: 500, duplicate: 'same-id' }).delivered,
      ).toBe(2);
      expect(fx.sim.redeliverLastNotification({ newMessageId: true })).toBe(true);
      const notifications = await client.waitForType('notification', 3);
      const [first, second, third] = notifications;
      expect(second.metadata.message_id).toBe(first.metadata.message_id);
      expect(third.metadata.message_id).not.toBe(first.metadata.message_id);
      expect(second.payload.event).toEqual(first.payload.event);
      expect(third.payload.event).toEqual(first.payload.event);
    });

    it('revokes a subscription: a revocation message with the status, then it is gone', async () => {
      const { client, sessionId } = await fx.session();
      const created = await fx.subscribe(sessionId, 'channel.subscribe');
      expect(
        fx.sim.revokeSubscriptions({ type: 'channel.subscribe', status: 'user_removed' }),
      ).toBe(1);
      const [revocation] = await client.waitForType('revocation');
      expect(revocation.metadata).toEqual({
        message_id: expect.any(String),
        message_type: 'revocation',
        message_timestamp: expect.any(String),
        subscription_type: 'channel.subscribe',
        subscription_version: '1',
      });
      expect(revocation.payload).toEqual({
        subscription: {
          id: created.json.data[0].id,
          status: 'user_removed',
          type: 'channel.subscribe',
          version: '1',
          cost: 0,
          condition: { broadcaster_user_id: '1000' },
          transport: { method: 'websocket', session_id: sessionId },
          created_at: expect.any(String),
        },
      });
      expect(fx.sim.subscriptions()).toHaveLength(0);
    });
  });
});
