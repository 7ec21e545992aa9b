// @ts-check
import { DEBUG_OPTION, LOOK_OPTIONS } from './widget-spec.js';

/** @typedef {import('./widget-spec.js').WidgetSpec} WidgetSpec */

/** Chat bots most channels run, whose messages a chat box leaves out unless told otherwise. */
export const DEFAULT_BOTS = ['nightbot', 'streamelements', 'streamlabs', 'moobot', 'fossabot'];

/** The third-party emote services a chat box can draw emotes of. */
export const THIRD_PARTY_EMOTE_SERVICES = /** @type {const} */ (['7tv', 'bttv', 'ffz']);

/**
 * The chat box, `/widgets/chat`: the channel's chat with emotes, badges and name colours; what
 * moderators remove leaves it. @type {WidgetSpec}
 */
export const CHAT_WIDGET = {
  name: 'chat',
  title: 'Chat box',
  path: '/widgets/chat',
  size: { width: 450, height: 600 },
  options: [
    {
      name: 'limit',
      label: 'Messages',
      kind: 'number',
      default: '20',
      min: 1,
      max: 100,
      step: 1,
      help: 'How many messages are shown; older ones leave.',
    },
    {
      name: 'fadeAfter',
      label: 'Fade after (s)',
      kind: 'number',
      default: '0',
      min: 0,
      max: 3600,
      step: 1,
      help: 'A message fades out this many seconds after it was sent; 0: messages stay until newer ones push them out.',
    },
    {
      name: 'commands',
      label: 'Commands',
      kind: 'choice',
      choices: ['hide', 'show'],
      default: 'hide',
      help: 'hide: messages starting with ! (bot commands) are left out.',
    },
    {
      name: 'bots',
      label: 'Bots',
      kind: 'text',
      default: DEFAULT_BOTS.join(','),
      help: 'Logins whose messages are left out (comma-separated); empty: none.',
    },
    {
      name: 'badges',
      label: 'Badges',
      kind: 'choice',
      choices: ['show', 'hide'],
      default: 'show',
      help: 'show: each chatter’s badges before their name (as images; their name as text when an image cannot load).',
    },
    {
      name: 'sharedChat',
      label: 'Shared chat',
      kind: 'choice',
      choices: ['show', 'hide'],
      default: 'show',
      help: 'In a shared chat session: show messages from the other channels (marked with their channel), or only this channel’s.',
    },
    {
      name: 'notices',
      label: 'Chat notices',
      kind: 'choice',
      choices: ['show', 'hide'],
      default: 'show',
      help: 'show: subs, resubs, gifts, raids, announcements and watch streaks as Twitch tells them in chat.',
    },
    {
      name: 'thirdPartyEmotes',
      label: 'Third-party emotes',
      kind: 'multi',
      choices: THIRD_PARTY_EMOTE_SERVICES,
      default: '',
      help: 'Also draw the channel’s 7TV, BetterTTV and FrankerFaceZ emotes (comma-separated: 7tv,bttv,ffz); the browser loads them from each service. Off by default.',
    },
    ...LOOK_OPTIONS,
    DEBUG_OPTION,
  ],
};
