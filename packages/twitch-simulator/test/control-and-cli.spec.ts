import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTriggerArguments, TriggerUsageError } from '../src/cli/trigger-arguments.js';
import { simulatorPortFrom } from '../src/cli/simulator-port.js';
import { runTriggerCommand } from '../src/cli/trigger-command.js';
import { SimulatorFixture, type ApiResponse } from './support/simulator-fixture.js';

/** Runs the trigger command and captures what it prints. */
async function trigger(
  argv: string[],
  defaultPort: () => number,
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runTriggerCommand(
    argv,
    { print: (text) => (out += `${text}\n`), printError: (text) => (err += `${text}\n`) },
    defaultPort,
  );
  return { code, out, err };
}

describe('the control API', () => {
  let fx: SimulatorFixture;

  beforeEach(async () => {
    fx = await SimulatorFixture.start({ keepaliveSeconds: 60, pingIntervalMs: 0 });
  });

  afterEach(async () => {
    await fx.stop();
  });

  async function control(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Pick<ApiResponse, 'status' | 'json'>> {
    const response = await fetch(`${fx.sim.baseUrl}/control${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined };
  }

  it('triggers events and reports what was delivered', async () => {
    const { client, sessionId } = await fx.session();
    await fx.subscribe(sessionId, 'channel.cheer');
    const answer = await control('POST', '/trigger/channel.cheer', { user: 'bob', bits: 500 });
    expect(answer.status).toBe(200);
    expect(answer.json.delivered).toBe(1);
    expect(answer.json.events[0]).toMatchObject({
      type: 'channel.cheer',
      event: { user_login: 'bob', bits: 500 },
    });
    await client.waitForType('notification');
  });

  it('answers 404 for an unknown event and 400 for bad options', async () => {
    expect((await control('POST', '/trigger/channel.hug', {})).status).toBe(404);
    const bad = await control('POST', '/trigger/channel.cheer', { bits: -5 });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('bits');
  });

  it('triggers resubs, Power-ups, ad breaks, shoutouts and donations with their options', async () => {
    const resub = await control('POST', '/trigger/channel.subscription.message', {
      user: 'rita',
      months: '14',
      streak: 6,
      duration: 3,
      message: 'Hi Kappa',
    });
    expect(resub.status).toBe(200);
    expect(resub.json.events[0].event).toMatchObject({
      cumulative_months: 14,
      streak_months: 6,
      duration_months: 3,
      message: { text: 'Hi Kappa', emotes: [{ begin: 3, end: 7, id: '25' }] },
    });
    const hidden = await control('POST', '/trigger/channel.subscription.message', {
      hideStreak: true,
    });
    expect(hidden.json.events[0].event.streak_months).toBeNull();
    const powerUp = await control('POST', '/trigger/channel.bits.use', {
      bitsType: 'power_up',
      powerUp: 'gigantify_an_emote',
      emote: 'PogChamp',
      bits: 25,
    });
    expect(powerUp.json.events[0].event).toMatchObject({
      bits: 25,
      power_up: { type: 'gigantify_an_emote', emote: { name: 'PogChamp' } },
    });
    await control('POST', '/trigger/stream.online', {});
    const ad = await control('POST', '/trigger/channel.ad_break.begin', {
      seconds: 30,
      automatic: 'true',
    });
    expect(ad.json.events[0].event).toMatchObject({ duration_seconds: 30, is_automatic: true });
    const shoutout = await control('POST', '/trigger/channel.shoutout.receive', {
      user: 'big_streamer',
      viewers: 99,
    });
    expect(shoutout.json.events.map((e: { type: string }) => e.type)).toEqual([
      'channel.shoutout.create',
      'channel.shoutout.receive',
    ]);
    const donation = await control('POST', '/trigger/channel.charity_campaign.donate', {
      amount: 1000,
    });
    expect(donation.json.events[1].event.amount).toEqual({
      value: 1000,
      decimal_places: 2,
      currency: 'USD',
    });
    const bad = await control('POST', '/trigger/channel.subscription.message', { streak: 'long' });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toContain('"streak" must be a number');
  });

  it('mints tokens, sets viewers, breaks things and shows the state', async () => {
    const token = await control('POST', '/tokens', { user: 'someone', scopes: ['bits:read'] });
    expect(token.json).toMatchObject({
      login: 'someone',
      scope: ['bits:read'],
      accessToken: expect.any(String),
    });
    await control('POST', '/trigger/stream.online', {});
    expect((await control('POST', '/viewers', { count: 77 })).json).toMatchObject({
      live: true,
      viewers: 77,
    });
    await fx.session();
    expect((await control('POST', '/faults/delay', { delayMs: 250 })).json).toEqual({
      affected: 1,
    });
    expect(fx.sim.sessions().map((session) => session.deliveryDelayMs)).toEqual([250]);
    expect((await control('POST', '/faults/delay', {})).status).toBe(400);
    expect((await control('POST', '/faults/drop', {})).json).toEqual({ affected: 1 });
    expect(
      (await control('POST', '/faults/helix', { endpoint: 'streams', status: 500, count: 1 })).json,
    ).toEqual({
      affected: 1,
    });
    expect((await fx.api('/mock/streams')).status).toBe(500);
    const state = await control('GET', '/state');
    expect(state.json).toMatchObject({
      port: fx.sim.port,
      broadcaster: { id: '1000', login: 'demo_streamer' },
      channel: { live: true, viewers: 77 },
      helixRequests: { streams: 1 },
    });
    expect((await control('POST', '/faults/nonsense', {})).status).toBe(404);
    expect((await control('POST', '/faults/close', { code: 1006 })).status).toBe(400);
  });

  it('approves device codes and sets what the authorize page does', async () => {
    const started = await fetch(
      `${fx.sim.baseUrl}/auth/device?client_id=${fx.sim.clientId}&scopes=bits:read`,
      {
        method: 'POST',
      },
    );
    const { user_code: userCode } = (await started.json()) as { user_code: string };
    expect((await control('POST', '/device/approve', { userCode })).status).toBe(200);
    expect((await control('POST', '/device/approve', { userCode })).status).toBe(404);
    expect((await control('POST', '/authorize', { decision: 'deny' })).status).toBe(200);
    expect((await control('POST', '/authorize', { decision: 'maybe' })).status).toBe(400);
  });
});

describe('npm run trigger', () => {
  it('turns words into control requests', () => {
    expect(parseTriggerArguments(['channel.follow', '--user', 'alice'])).toEqual({
      kind: 'request',
      method: 'POST',
      path: '/trigger/channel.follow',
      body: expect.objectContaining({ user: 'alice' }),
      port: undefined,
    });
    expect(
      parseTriggerArguments(['cheer', '--user', 'bob', '--bits', '500', '--port', '4000']),
    ).toMatchObject({
      path: '/trigger/channel.cheer',
      body: { user: 'bob', bits: 500 },
      port: 4000,
    });
    expect(parseTriggerArguments(['fault', 'drop'])).toMatchObject({ path: '/faults/drop' });
    expect(parseTriggerArguments(['fault', 'reconnect'])).toMatchObject({
      path: '/faults/reconnect',
    });
    expect(
      parseTriggerArguments(['fault', 'delay', '--delay', '500', '--session', 's1']),
    ).toMatchObject({
      path: '/faults/delay',
      body: { delayMs: 500, session: 's1' },
    });
    expect(() => parseTriggerArguments(['fault', 'delay'])).toThrow(/--delay <ms>/);
    expect(parseTriggerArguments(['fault', 'redeliver', '--new-id'])).toMatchObject({
      body: { newMessageId: true },
    });
    expect(
      parseTriggerArguments([
        'fault',
        'helix',
        '--endpoint',
        'streams',
        '--status',
        '429',
        '--count',
        '2',
      ]),
    ).toMatchObject({ body: { endpoint: 'streams', status: 429, count: 2 } });
    expect(parseTriggerArguments(['--help'])).toEqual({ kind: 'help' });
    expect(parseTriggerArguments([])).toEqual({ kind: 'help' });
  });

  it('parses channel points, hype trains, goals, polls and predictions, long and short names', () => {
    expect(
      parseTriggerArguments(['redeem', '--user', 'ann', '--reward', 'Hydrate!', '--input', 'hi']),
    ).toMatchObject({
      path: '/trigger/channel.channel_points_custom_reward_redemption.add',
      body: { user: 'ann', reward: 'Hydrate!', input: 'hi' },
    });
    expect(parseTriggerArguments(['hype-train-progress', '--bits', '300'])).toMatchObject({
      path: '/trigger/channel.hype_train.progress',
      body: { bits: 300 },
    });
    expect(
      parseTriggerArguments(['channel.goal.begin', '--goal-type', 'new_bit', '--target', '5000']),
    ).toMatchObject({ body: { goalType: 'new_bit', target: 5000 } });
    expect(
      parseTriggerArguments(['poll-begin', '--title', 'Next?', '--choices', 'Big game,Small game']),
    ).toMatchObject({
      path: '/trigger/channel.poll.begin',
      body: { title: 'Next?', choices: 'Big game,Small game' },
    });
    expect(parseTriggerArguments(['poll-progress', '--choice', '2', '--votes', '4'])).toMatchObject(
      {
        body: { choice: '2', votes: 4 },
      },
    );
    expect(
      parseTriggerArguments(['prediction-end', '--outcome', 'Win', '--status', 'resolved']),
    ).toMatchObject({
      path: '/trigger/channel.prediction.end',
      body: { outcome: 'Win', status: 'resolved' },
    });
  });

  it('parses resubs, Bits of every kind, ad breaks, shoutouts and charity, long and short names', () => {
    expect(
      parseTriggerArguments([
        'resub',
        '--user',
        'rita',
        '--months',
        '14',
        '--streak',
        '6',
        '--duration',
        '3',
        '--message',
        'Hi Kappa',
      ]),
    ).toMatchObject({
      path: '/trigger/channel.subscription.message',
      body: { user: 'rita', months: 14, streak: 6, duration: 3, message: 'Hi Kappa' },
    });
    expect(parseTriggerArguments(['resub', '--hide-streak'])).toMatchObject({
      body: { hideStreak: true },
    });
    expect(
      parseTriggerArguments([
        'bits',
        '--type',
        'power_up',
        '--power-up',
        'celebration',
        '--emote',
        'HeyGuys',
      ]),
    ).toMatchObject({
      path: '/trigger/channel.bits.use',
      body: { bitsType: 'power_up', powerUp: 'celebration', emote: 'HeyGuys' },
    });
    expect(parseTriggerArguments(['power-up', '--effect', 'rainbow-eclipse'])).toMatchObject({
      path: '/trigger/channel.bits.use',
      body: { bitsType: 'power_up', effect: 'rainbow-eclipse' },
    });
    expect(parseTriggerArguments(['combo', '--bits', '10'])).toMatchObject({
      body: { bitsType: 'combo', bits: 10 },
    });
    expect(parseTriggerArguments(['ad-break', '--seconds', '90', '--automatic'])).toMatchObject({
      path: '/trigger/channel.ad_break.begin',
      body: { seconds: 90, automatic: true },
    });
    expect(parseTriggerArguments(['shoutout', '--user', 'pal', '--viewers', '5'])).toMatchObject({
      path: '/trigger/channel.shoutout.create',
      body: { user: 'pal', viewers: 5 },
    });
    expect(parseTriggerArguments(['shoutout-receive', '--user', 'pal'])).toMatchObject({
      path: '/trigger/channel.shoutout.receive',
    });
    expect(
      parseTriggerArguments([
        'charity-start',
        '--charity',
        'Trees for Streams',
        '--target',
        '100000',
        '--currency',
        'EUR',
      ]),
    ).toMatchObject({
      path: '/trigger/channel.charity_campaign.start',
      body: { charity: 'Trees for Streams', target: 100000, currency: 'EUR' },
    });
    expect(parseTriggerArguments(['donate', '--amount', '500'])).toMatchObject({
      path: '/trigger/channel.charity_campaign.donate',
      body: { amount: 500 },
    });
    expect(parseTriggerArguments(['charity-progress'])).toMatchObject({
      path: '/trigger/channel.charity_campaign.progress',
    });
    expect(parseTriggerArguments(['charity-stop'])).toMatchObject({
      path: '/trigger/channel.charity_campaign.stop',
    });
  });

  it('parses chat messages, moderation and notices, long and short names', () => {
    expect(
      parseTriggerArguments([
        'channel.chat.message',
        '--user',
        'ann',
        '--message',
        'hi Kappa',
        '--reply-to',
        'm-1',
        '--source',
        'pixelharbor',
      ]),
    ).toMatchObject({
      path: '/trigger/channel.chat.message',
      body: { user: 'ann', message: 'hi Kappa', replyTo: 'm-1', source: 'pixelharbor' },
    });
    expect(parseTriggerArguments(['chat-delete', '--message-id', 'm-1'])).toMatchObject({
      path: '/trigger/channel.chat.message_delete',
      body: { messageId: 'm-1' },
    });
    expect(parseTriggerArguments(['ban', '--user', 'troll'])).toMatchObject({
      path: '/trigger/channel.chat.clear_user_messages',
      body: { user: 'troll' },
    });
    expect(parseTriggerArguments(['chat-clear'])).toMatchObject({
      path: '/trigger/channel.chat.clear',
    });
    expect(
      parseTriggerArguments(['notice', '--notice', 'resub', '--prime', '--color', 'blue']),
    ).toMatchObject({
      path: '/trigger/channel.chat.notification',
      body: { notice: 'resub', prime: true, color: 'blue' },
    });
  });

  it.each([
    [['channel.hug'], 'Unknown event "channel.hug"'],
    [['cheer', '--bits', 'lots'], '--bits must be a whole number'],
    [['fault', 'explode'], 'Unknown fault "explode"'],
    [['fault', 'close'], 'needs --code'],
    [['fault', 'drop', '--bits', '5'], 'does not take --bits'],
    [['follow', '--colour', 'red'], "Unknown option '--colour'"],
    [['resub', '--months', 'many'], '--months must be a whole number'],
  ])('explains what is wrong with %j and how to get help', (argv, words) => {
    let error: unknown;
    try {
      parseTriggerArguments(argv);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TriggerUsageError);
    expect((error as Error).message).toContain(words);
    expect((error as Error).message).toContain('npm run trigger -- --help');
  });

  it('lists events, options and faults in --help', async () => {
    const { code, out } = await trigger(['--help'], () => 1);
    expect(code).toBe(0);
    for (const word of [
      'channel.follow',
      'stream.offline',
      '--bits',
      'fault',
      'drop',
      'reconnect',
      '--port',
      'channel.channel_points_custom_reward_redemption.add',
      'channel.hype_train.begin',
      'channel.goal.end',
      'channel.poll.progress',
      'channel.prediction.lock',
      'channel.subscription.message',
      'channel.bits.use',
      '--power-up',
      'channel.ad_break.begin',
      'channel.shoutout.receive',
      'channel.charity_campaign.donate',
      'channel.chat.message',
      '--message-id',
      'channel.chat.notification',
    ]) {
      expect(out).toContain(word);
    }
  });

  it('posts to a running simulator and says what happened', async () => {
    const fx = await SimulatorFixture.start({ keepaliveSeconds: 60, pingIntervalMs: 0 });
    try {
      const followed = await trigger(['channel.follow', '--user', 'alice'], () => fx.sim.port);
      expect(followed.code).toBe(0);
      expect(followed.out).toContain('"user_login":"alice"');
      expect(followed.out).toContain('Delivered to no EventSub session');
      expect(fx.sim.channel().followers).toBe(1);
      const cheered = await trigger(
        ['channel.cheer', '--user', 'bob', '--bits', '500', '--port', String(fx.sim.port)],
        () => {
          throw new Error('the configured port is not needed with --port');
        },
      );
      expect(cheered.code).toBe(0);
      const polled = await trigger(
        ['poll-begin', '--title', 'Next game?', '--choices', 'Big game,Small game'],
        () => fx.sim.port,
      );
      expect(polled.code).toBe(0);
      expect(polled.out).toContain('"title":"Big game"');
      const twice = await trigger(['poll-begin'], () => fx.sim.port);
      expect(twice.code).toBe(1);
      expect(twice.err).toContain('a poll is running already');
      const said = await trigger(
        ['channel.chat.message', '--user', 'ann', '--message', 'hi Kappa'],
        () => fx.sim.port,
      );
      expect(said.code).toBe(0);
      const id = /^Message id: (\S+)$/m.exec(said.out)?.[1];
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      const deleted = await trigger(
        ['channel.chat.message_delete', '--message-id', id!],
        () => fx.sim.port,
      );
      expect(deleted.code).toBe(0);
      expect(deleted.out).toContain(`"message_id":"${id!}"`);
      expect(deleted.out).toContain('"target_user_login":"ann"');
      const refused = await trigger(['fault', 'close', '--code', '999'], () => fx.sim.port);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain('The simulator refused');
    } finally {
      await fx.stop();
    }
  });

  it('says how to start the simulator when none is running', async () => {
    const fx = await SimulatorFixture.start({ pingIntervalMs: 0 });
    const port = fx.sim.port;
    await fx.stop();
    const { code, err } = await trigger(['fault', 'drop'], () => port);
    expect(code).toBe(1);
    expect(err).toContain(`No Twitch simulator answers at 127.0.0.1:${port}`);
    expect(err).toContain('demo mode');
  });

  it('reports a configuration problem instead of a stack trace', async () => {
    const { code, err } = await trigger(['follow'], () => {
      throw new Error('SIMULATOR_PORT is not valid: "x" is not a whole number.');
    });
    expect(code).toBe(1);
    expect(err).toContain('SIMULATOR_PORT is not valid');
  });
});

describe("npm run trigger's port", () => {
  const envFile = (text: string) => {
    const path = join(mkdtempSync(join(tmpdir(), 'simulator-port-')), '.env');
    writeFileSync(path, text);
    return path;
  };

  it('is SIMULATOR_PORT from the environment, then from .env, then 3001', () => {
    const file = envFile('SIMULATOR_PORT=4002\n');
    expect(simulatorPortFrom({ SIMULATOR_PORT: '4001' }, file)).toBe(4001);
    expect(simulatorPortFrom({}, file)).toBe(4002);
    expect(simulatorPortFrom({ SIMULATOR_PORT: ' ' }, file)).toBe(4002);
    expect(simulatorPortFrom({}, join(tmpdir(), 'no-such-dir', '.env'))).toBe(3001);
    expect(simulatorPortFrom({}, null)).toBe(3001);
  });

  it('refuses a value that is not a port, and 0 (a random port nobody can name)', () => {
    expect(() => simulatorPortFrom({ SIMULATOR_PORT: 'x' }, null)).toThrow(
      'SIMULATOR_PORT is not valid',
    );
    expect(() => simulatorPortFrom({ SIMULATOR_PORT: '70000' }, null)).toThrow(
      'SIMULATOR_PORT is not valid',
    );
    expect(() => simulatorPortFrom({ SIMULATOR_PORT: '0' }, null)).toThrow('--port');
  });
});
