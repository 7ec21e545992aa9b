/**
 * What the demo's viewers are called and say: names, raiding channels, rewards, polls,
 * predictions and chat messages (apart from the demo's timing logic).
 */

export const VIEWER_NAMES = [
  'pixelpanda',
  'cozycactus',
  'lofi_llama',
  'speedrunsam',
  'modmarmot',
  'chatterbox_cat',
  'retro_raccoon',
  'quietquokka',
  'bitsbadger',
  'emotefox',
  'latenightlark',
  'clipcrow',
  'hypehedgehog',
  'snackowl',
];
export const RAIDERS = [
  'friendly_streamer',
  'speedy_sprites',
  'cozy_corner_tv',
  'night_owl_games',
  'pixel_forge',
];
export const REWARDS: ReadonlyArray<{ reward: string; cost: number; inputs: readonly string[] }> = [
  { reward: 'Hydrate!', cost: 100, inputs: [''] },
  { reward: 'Pick the next song', cost: 500, inputs: ['lofi beats', 'the boss theme, please'] },
  { reward: 'Say hi on stream', cost: 250, inputs: ['hello from Lisbon!', ''] },
];
export const POLLS: ReadonlyArray<{ title: string; choices: string }> = [
  { title: 'What do we build next?', choices: 'Goal bar,Event list,Subathon timer' },
  { title: 'Tabs or spaces?', choices: 'Tabs,Spaces' },
];
export const PREDICTIONS: ReadonlyArray<{ title: string; outcomes: string }> = [
  { title: 'Will the tests pass first try?', outcomes: 'Yes,No' },
  { title: 'Do we ship before the end of stream?', outcomes: 'Ship it,Not today' },
];
export const RESUB_MESSAGES = [
  'Still here! Kappa',
  'Another month of good vibes SeemsGood',
  'HeyGuys back again',
  'demostHype demostHype',
  '',
];
export const EFFECT_MESSAGES = ['This stream is on fire', 'Look at this!', 'GG everyone'];
export const CHEER_MESSAGES = [
  'Cheer{bits} great stream!',
  'Cheer{bits} hype!',
  'Cheer{bits} for the overlay',
  'Cheer{bits} GG',
];
/** What chatters say: emotes, mentions of other chatters (`@{viewer}`) and plain text. */
export const CHAT_LINES = [
  'hello chat HeyGuys',
  'LUL LUL LUL',
  'this overlay is so clean SeemsGood',
  'Kappa',
  'PogChamp that was close',
  'demostHype demostHype demostHype',
  'what game is next?',
  '@{viewer} you were right LUL',
  'first time here, love the vibes',
  'GG',
  'can we get some hype in chat demostHype',
  'is the chat box new? PogChamp',
  '@{viewer} HeyGuys',
  'lurking but listening Kappa',
  'that bug was a feature SeemsGood',
];
