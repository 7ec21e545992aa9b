import type { Page } from 'playwright-core';
import type { EventObject, ProducedEvent } from '@twitch-realtime/twitch-simulator';
import { nameColor } from '../../src/widgets/public/lib/chat-message-parts.js';
import { TwitchSession } from '../../src/twitch/twitch-session.js';
import { BROWSER_TEST_TIMEOUT, describeInBrowser, screenshot } from '../support/browser.js';
import { EmoteServicesStub, STUB_EMOTES } from '../support/emote-services-stub.js';
import { eventually } from '../support/eventually.js';
import { untilEventSubReceiving } from '../support/eventsub-health.js';
import { SseTestClient } from '../support/sse-client.js';
import { startTwitchTestApp, type TwitchTestApp } from '../support/twitch-test-app.js';
import { builderPreview, widgetBrowser } from '../support/widget-browser.js';

const CHAT_TYPES = [
  'channel.chat.message',
  'channel.chat.message_delete',
  'channel.chat.clear_user_messages',
  'channel.chat.clear',
  'channel.chat.notification',
];
const SOURCE = { width: 450, height: 600 };

interface ChatService extends TwitchTestApp {
  emoteServices: EmoteServicesStub;
}

/** The message id of the chat message a trigger produced. */
function messageIdOf(events: ProducedEvent[]): string {
  const id = events.find((e) => e.type === 'channel.chat.message')?.event.message_id;
  if (typeof id !== 'string') throw new Error('no chat message was produced');
  return id;
}

const line = (messageId: string) => `li.chat-line[data-message-id="${messageId}"]`;

/** The images under `selector`: alt, whether they loaded, where from. */
function imagesIn(page: Page, selector: string) {
  return page.locator(`${selector} img`).evaluateAll((images) =>
    (images as HTMLImageElement[]).map((image) => ({
      alt: image.alt,
      loaded: image.complete && image.naturalWidth > 0,
      src: image.getAttribute('src') ?? '',
      className: image.className,
    })),
  );
}

/** Waits until every image under `selector` has loaded or failed. */
async function imagesSettled(page: Page, selector: string): Promise<void> {
  await page.waitForFunction(
    (within) =>
      [...document.querySelectorAll(`${within} img`)].every(
        (image) => (image as HTMLImageElement).complete,
      ),
    selector,
  );
}

/** `#rrggbb` as the browser's computed `rgb(r, g, b)`. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

/**
 * The chat box (`/widgets/chat`) in Chromium, from the simulator through Twurple and the stream:
 * emotes, badges and name colours from the simulator's CDN and Helix; moderation removing lines
 * from every box and from a box that reloads; its options; third-party emotes from a local stub;
 * hostile chat that stays text; and the dashboard naming the chat types a token cannot read.
 */
describeInBrowser('the chat box in Chromium', () => {
  const harness = widgetBrowser<ChatService>(
    async () => {
      const emoteServices = await EmoteServicesStub.start('1000');
      try {
        const service = await startTwitchTestApp({
          EVENTSUB_EVENTS: ['channel.follow', ...CHAT_TYPES].join(','),
          ...emoteServices.environment,
        });
        return {
          ...service,
          emoteServices,
          close: async () => {
            await service.close();
            await emoteServices.close();
          },
        };
      } catch (error) {
        await emoteServices.close();
        throw error;
      }
    },
    async (service) => {
      await untilEventSubReceiving(service);
      await eventually(
        async () =>
          (
            (await (await fetch(`${service.baseUrl}/api/twitch/chat-badges`)).json()) as {
              updatedAt: string | null;
            }
          ).updatedAt !== null,
        'the chat badges read',
      );
    },
  );

  /** Opens a chat box with `query` and waits until it follows the stream. */
  const openBox = async (query = '') => {
    const page = await harness.open(`/widgets/chat?${query}`, SOURCE);
    await page.waitForSelector('#chat[data-loaded="true"]', { state: 'attached' });
    expect(await page.getAttribute('html', 'data-chat-badges')).toBe('loaded');
    return page;
  };

  it(
    'shows a message with an emote image, a badge and a coloured name; a delete removes it from every box, and a reloaded box shows the recent chat without it',
    async () => {
      const { simulator: sim } = harness.service;
      sim.trigger('channel.subscribe', { user: 'subbed_sam' });
      const first = await openBox();
      const second = await openBox('scale=0.8');

      const before = messageIdOf(
        sim.trigger('channel.chat.message', { user: 'early_bird', message: 'first! HeyGuys' })
          .events,
      );
      const produced = sim.trigger('channel.chat.message', {
        user: 'subbed_sam',
        message: 'hello chat Kappa demostHype Cheer100',
      }).events;
      const id = messageIdOf(produced);
      const colour = String(produced[0]?.event.color);
      const after = messageIdOf(
        sim.trigger('channel.chat.message', { user: 'late_comer', message: 'hi all' }).events,
      );
      for (const page of [first, second]) await page.waitForSelector(line(after));

      await imagesSettled(first, line(id));
      const images = await imagesIn(first, line(id));
      const base = sim.baseUrl;
      expect(images).toEqual([
        {
          alt: expect.stringMatching(/Subscriber/),
          loaded: true,
          src: expect.stringMatching(new RegExp(`^${base}/badges/v1/subscriber-\\d+/2$`)),
          className: 'chat-badge',
        },
        {
          alt: 'Kappa',
          loaded: true,
          src: `${base}/emoticons/v2/25/static/dark/2.0`,
          className: 'message-emote',
        },
        {
          alt: 'demostHype',
          loaded: true,
          src: `${base}/emoticons/v2/emotesv2_5d523adb8bbb4786821cd7091e47da21/animated/dark/2.0`,
          className: 'message-emote',
        },
        {
          alt: 'Cheer',
          loaded: true,
          src: `${base}/actions/cheer/dark/animated/100/1.5.gif`,
          className: 'message-cheermote__image',
        },
      ]);
      // The badge's name is its tooltip; the chatter's colour is theirs, or the readable default.
      expect(await first.getAttribute(`${line(id)} img.chat-badge`, 'title')).toMatch(/Subscriber/);
      const shownColour = await first.$eval(
        `${line(id)} .chat-line__name`,
        (name) => getComputedStyle(name).color,
      );
      const accentLight = await first.evaluate(() =>
        getComputedStyle(document.documentElement).getPropertyValue('--accent-light').trim(),
      );
      expect(shownColour).toBe(rgb(nameColor(colour) || accentLight));
      expect(await first.textContent(`${line(id)} .chat-line__name`)).toBe('subbed_sam');
      await screenshot(first, 'chat-box');

      sim.trigger('channel.chat.message_delete', { messageId: id });
      await Promise.all(
        [first, second].map((page) => page.waitForSelector(line(id), { state: 'detached' })),
      );
      expect(await first.$$eval('li.chat-line', (lines) => lines.length)).toBe(
        await second.$$eval('li.chat-line', (lines) => lines.length),
      );

      await first.reload();
      await first.waitForSelector('#chat[data-loaded="true"]', { state: 'attached' });
      await first.waitForSelector(line(after));
      expect(await first.isVisible(line(before))).toBe(true);
      expect(await first.$(line(id))).toBeNull();
      await screenshot(first, 'chat-box-reloaded');
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    "removes a timed-out chatter's messages, and everything on a clear, live and after a reload",
    async () => {
      const { simulator: sim } = harness.service;
      const page = await openBox();
      const troll = messageIdOf(
        sim.trigger('channel.chat.message', { user: 'troll_tom', message: 'spam spam' }).events,
      );
      const kept = messageIdOf(
        sim.trigger('channel.chat.message', { user: 'nice_nora', message: 'be nice' }).events,
      );
      await page.waitForSelector(line(kept));
      sim.trigger('channel.chat.clear_user_messages', { user: 'troll_tom' });
      await page.waitForSelector(line(troll), { state: 'detached' });
      expect(await page.isVisible(line(kept))).toBe(true);

      sim.trigger('channel.chat.clear');
      await page.waitForSelector(line(kept), { state: 'detached' });
      const fresh = messageIdOf(
        sim.trigger('channel.chat.message', { user: 'nice_nora', message: 'clean slate' }).events,
      );
      await page.waitForSelector(line(fresh));
      await page.reload();
      await page.waitForSelector(line(fresh));
      expect(await page.$$eval('li.chat-line', (lines) => lines.length)).toBe(1);
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'hides commands and bots, marks shared chat and can hide it, shows whom a reply answers and the notices, and fades lines out',
    async () => {
      const { simulator: sim } = harness.service;
      const shown = await openBox('bots=NightBot,helper_bot');
      const narrow = await openBox('sharedChat=hide&notices=hide&fadeAfter=2&commands=show');
      const say = (user: string, message: string, more = {}) =>
        messageIdOf(sim.trigger('channel.chat.message', { user, message, ...more }).events);

      const question = say('asker', 'who won?');
      const command = say('asker', '!uptime');
      const bot = say('helper_bot', 'I am a bot');
      const answer = say('answerer', 'we did', { replyTo: question });
      const visitor = say('visitor', 'hello from next door', { source: 'pixelharbor' });
      const notice = sim.trigger('channel.chat.notification', {
        user: 'rita',
        notice: 'resub',
        prime: true,
        months: 14,
        message: 'Still here',
      }).events[0]?.event.message_id as string;
      const last = say('asker', 'ok');

      await shown.waitForSelector(line(last));
      expect(await shown.$(line(command))).toBeNull();
      expect(await shown.$(line(bot))).toBeNull();
      expect(await shown.textContent(`${line(answer)} .chat-line__reply`)).toBe(
        '↪ @asker: who won?',
      );
      expect(await shown.textContent(`${line(visitor)} .chat-line__source`)).toBe('pixelharbor');
      expect(await shown.textContent(`${line(notice)} .chat-line__system`)).toContain(
        'subscribed with Prime',
      );
      expect(await shown.textContent(line(notice))).toContain('Still here');
      await screenshot(shown, 'chat-box-options');

      await narrow.waitForSelector(line(last));
      expect(await narrow.isVisible(line(command))).toBe(true);
      expect(await narrow.isVisible(line(bot))).toBe(true); // the default bots only
      expect(await narrow.$(line(visitor))).toBeNull();
      expect(await narrow.$(line(notice))).toBeNull();
      // Two seconds after it was sent, a line fades out and goes.
      await narrow.waitForSelector(line(last), { state: 'detached' });
      await narrow.waitForSelector('#chat[data-count="0"]', { state: 'attached' });
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    "draws the channel's 7TV, BetterTTV and FrankerFaceZ emotes from their services when asked, and asks none of them by default",
    async () => {
      const { simulator: sim, emoteServices } = harness.service;
      const stubHost = new URL(emoteServices.baseUrl).host;
      const plain = await openBox();
      const asked: string[] = [];
      plain.on('request', (request) => asked.push(request.url()));
      const page = await openBox('thirdPartyEmotes=7tv,bttv,ffz');
      await page.waitForFunction(
        () => Number(document.documentElement.dataset.thirdPartyEmotes) >= 7,
      );

      const codes = [
        STUB_EMOTES['7tv'].global,
        STUB_EMOTES['7tv'].channel,
        STUB_EMOTES.bttv.global,
        STUB_EMOTES.bttv.channel,
        STUB_EMOTES.bttv.shared,
        STUB_EMOTES.ffz.global,
        STUB_EMOTES.ffz.channel,
      ];
      const id = messageIdOf(
        sim.trigger('channel.chat.message', {
          user: 'emote_fan',
          message: `${codes.join(' ')} EvilPath EvilScheme NotADefaultSet Kappa`,
        }).events,
      );
      await page.waitForSelector(line(id));
      await imagesSettled(page, line(id));
      const images = await imagesIn(page, `${line(id)} .chat-line__text`);
      expect(images.map((image) => image.alt)).toEqual([...codes, 'Kappa']);
      expect(images.every((image) => image.loaded)).toBe(true);
      for (const image of images.slice(0, codes.length)) {
        expect(new URL(image.src).host).toBe(stubHost);
      }
      expect(await page.textContent(`${line(id)} .chat-line__text`)).toContain(
        'EvilPath EvilScheme NotADefaultSet',
      );
      // The box without the option shows the codes as text and asked no service.
      await plain.waitForSelector(line(id));
      expect(await plain.$$(`${line(id)} img.chat-emote`)).toEqual([]);
      expect(asked.filter((url) => new URL(url).host === stubHost)).toEqual([]);
      await screenshot(page, 'chat-box-third-party-emotes');
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'keeps hostile chat as text: nothing runs, no markup, no unchecked URL or CSS; a 500-character message or 100 emotes keep the layout',
    async () => {
      const { simulator: sim, service } = {
        service: harness.service,
        simulator: harness.service.simulator,
      };
      const page = await openBox();
      const requested: string[] = [];
      page.on('request', (request) => requested.push(request.url()));
      const script = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
      const hostile = {
        broadcaster_user_id: '1000',
        broadcaster_user_login: 'demo_streamer',
        broadcaster_user_name: 'Demo_Streamer',
        chatter_user_id: '666',
        chatter_user_login: 'hacker',
        chatter_user_name: `Hacker${script}`,
        message_id: 'hostile-1',
        message: {
          text: 'x',
          fragments: [
            { type: 'text', text: `hi ${script} <b>bold</b> ` },
            {
              type: 'emote',
              text: 'Evil1',
              emote: { id: 'javascript:window.__xss=3', emote_set_id: '0', format: [] },
            },
            {
              type: 'emote',
              text: 'Evil2',
              emote: { id: '../../../evil.example/x', emote_set_id: '0', format: [] },
            },
            {
              type: 'cheermote',
              text: 'Cheer5',
              cheermote: { prefix: 'ch"eer', bits: 5, tier: 1 },
            },
            {
              type: 'mention',
              text: `@<i>x</i>${script}`,
              mention: { user_id: '1', user_login: 'x', user_name: script },
            },
            { type: 'sparkle', text: ' a new kind of fragment' },
          ],
        },
        message_type: 'text',
        badges: [
          { set_id: `vip${script}`, id: '1', info: '' },
          { set_id: 'moderator', id: '1"><script>window.__xss=4</script>', info: '' },
          { set_id: 'glitchcon2020', id: '1', info: '' },
        ],
        cheer: null,
        color: '#ff0000; background-image: url(https://evil.example/track.png)',
        reply: {
          parent_message_id: 'p',
          parent_message_body: script,
          parent_user_id: '1',
          parent_user_login: 'x',
          parent_user_name: `<u>victim</u>${script}`,
          thread_message_id: 'p',
          thread_user_id: '1',
          thread_user_login: 'x',
          thread_user_name: 'x',
        },
        channel_points_custom_reward_id: null,
        source_broadcaster_user_id: '7002',
        source_broadcaster_user_login: 'pixelharbor',
        source_broadcaster_user_name: `Pixel${script}`,
        source_message_id: 'src',
        source_badges: null,
        is_source_only: false,
      };
      sim.deliver('channel.chat.message', hostile as unknown as EventObject);
      sim.deliver('channel.chat.message', {
        ...(hostile as unknown as EventObject),
        message_id: 'hostile-2',
        chatter_user_name: 'css',
        color: 'expression(alert(1))',
        reply: null,
        source_broadcaster_user_id: null,
        source_broadcaster_user_name: null,
      });
      const long = messageIdOf(
        sim.trigger('channel.chat.message', { user: 'long_lara', message: 'W'.repeat(500) }).events,
      );
      const emotes = messageIdOf(
        sim.trigger('channel.chat.message', {
          user: 'emote_ed',
          // LUL: a hundred emotes fit in Twitch's 500 characters.
          message: Array.from({ length: 100 }, () => 'LUL').join(' '),
        }).events,
      );
      await page.waitForSelector(line(emotes));
      await imagesSettled(page, '#chat');

      expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
      // Only the elements the chat box makes: no viewer's markup became an element.
      const tags = await page.$$eval('#chat *', (elements) => [
        ...new Set(elements.map((element) => element.tagName.toLowerCase())),
      ]);
      expect(tags.sort()).toEqual(['img', 'li', 'span']);
      const first = line('hostile-1');
      expect(await page.textContent(`${first} .chat-line__name`)).toBe(`Hacker${script}`);
      expect(await page.textContent(`${first} .chat-line__text`)).toBe(
        `hi ${script} <b>bold</b> Evil1Evil2Cheer5@<i>x</i>${script} a new kind of fragment`,
      );
      expect(await page.textContent(`${first} .chat-line__reply`)).toBe(
        `↪ @<u>victim</u>${script}: ${script}`,
      );
      expect(await page.textContent(`${first} .chat-line__source`)).toBe(`Pixel${script}`);
      // A badge with an odd id is left out; an unknown one is its name as text.
      expect(
        await page.$$eval(`${first} .chat-badge`, (found) =>
          found.map((badge) => [badge.tagName, badge.textContent]),
        ),
      ).toEqual([['SPAN', 'glitchcon2020']]);
      // No colour but #rrggbb reaches the style: the default colour shows.
      for (const id of ['hostile-1', 'hostile-2']) {
        expect(
          await page.$eval(`${line(id)} .chat-line__name`, (n) => n.getAttribute('style')),
        ).toBeNull();
      }
      // Every request went to the service or the simulator, for a checked image.
      const origins = new Set([new URL(service.baseUrl).origin, new URL(sim.baseUrl).origin]);
      for (const url of requested) {
        expect(origins.has(new URL(url).origin)).toBe(true);
        expect(url).not.toMatch(/evil|javascript|%22|"/i);
      }

      // Long lines wrap inside the box: nothing sticks out to the side.
      const overflow = await page.$$eval(`${line(long)}, ${line(emotes)}`, (lines) =>
        lines.map((element) => {
          const box = element.getBoundingClientRect();
          return { right: box.right, scroll: element.scrollWidth - element.clientWidth };
        }),
      );
      for (const { right, scroll } of overflow) {
        expect(right).toBeLessThanOrEqual(SOURCE.width);
        expect(scroll).toBeLessThanOrEqual(0);
      }
      expect(await page.$$eval(`${line(emotes)} img.message-emote`, (found) => found.length)).toBe(
        100,
      );
      await screenshot(page, 'chat-box-hostile-and-long');
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'without user:read:chat, the dashboard names the chat types and the scope, and the rest still works; its URL builder offers the chat box',
    async () => {
      const { service } = harness;
      const minted = service.simulator.mintUserToken({
        scopes: ['moderator:read:followers', 'channel:read:subscriptions'],
      });
      await service.app.get(TwitchSession).signIn({
        accessToken: minted.accessToken,
        refreshToken: minted.refreshToken,
        scope: [...minted.scope],
        expiresIn: minted.expiresIn,
        obtainmentTimestamp: minted.obtainmentTimestamp,
      });
      const dashboard = await harness.open(
        '/',
        { width: 1440, height: 1100 },
        '#connection.pill--good',
      );
      await dashboard.waitForFunction(() =>
        (document.getElementById('eventsub-status')?.textContent ?? '').includes(
          'channel.chat.notification',
        ),
      );
      const status = (await dashboard.textContent('#eventsub-status')) ?? '';
      for (const type of CHAT_TYPES) {
        expect(status).toContain(`${type}: ${type} needs the scope user:read:chat`);
      }
      const client = await SseTestClient.connect(
        `${service.baseUrl}/api/twitch/stream?types=event`,
      );
      try {
        service.simulator.trigger('channel.follow', { user: 'still_follows' });
        await client.waitFor(
          (c) => c.messages.some((m) => (m.json as { event?: string }).event === 'channel.follow'),
          10_000,
          'the follow',
        );
      } finally {
        await client.close();
      }
      // The URL builder offers the chat box with its options; its preview is a chat box.
      await dashboard.check('input[name="widget"][value="chat"]');
      await dashboard.fill('#builder input[name="limit"]', '5');
      await dashboard.fill('#builder input[name="fadeAfter"]', '30');
      const url = `${service.baseUrl}/widgets/chat?limit=5&fadeAfter=30`;
      await dashboard.waitForFunction(
        (expected) =>
          (document.getElementById('widget-url') as HTMLInputElement).value === expected,
        url,
      );
      const preview = await builderPreview(dashboard);
      await preview.locator('#chat[data-loaded="true"]').waitFor({ state: 'attached' });
      await screenshot(dashboard, 'chat-scope-missing-dashboard');
    },
    BROWSER_TEST_TIMEOUT,
  );
});
