// @ts-check
// The parts a shoutout's alert adds to its card: the other channel's avatar (or its initial when
// there is none, or it fails to load) and the game it was last seen playing. Text nodes only: the
// names and the game come from Twitch users.

/** @typedef {import('./lib/shoutout-channel.js').ShoutoutChannel} ShoutoutChannel */

/**
 * The avatar, to go in front of the card's title.
 * @param {ShoutoutChannel | null} channel
 * @param {string} name  the channel's display name, for the initial
 * @returns {HTMLElement}
 */
export function shoutoutAvatar(channel, name) {
  const initial = () => {
    const letter = document.createElement('div');
    letter.className = 'alert__avatar alert__avatar--initial';
    letter.textContent = [...name.trim()][0]?.toUpperCase() ?? '?';
    return letter;
  };
  if (!channel?.avatarUrl) return initial();
  const image = document.createElement('img');
  image.className = 'alert__avatar';
  image.alt = '';
  image.decoding = 'async';
  image.addEventListener('error', () => image.replaceWith(initial()), { once: true });
  image.src = channel.avatarUrl;
  return image;
}

/**
 * "Last seen playing Minecraft", under the text; null when the game is not known.
 * @param {ShoutoutChannel | null} channel
 * @returns {HTMLElement | null}
 */
export function shoutoutGame(channel) {
  if (!channel?.gameName) return null;
  const line = document.createElement('div');
  line.className = 'alert__game';
  line.textContent = `Last seen playing ${channel.gameName}`;
  return line;
}
