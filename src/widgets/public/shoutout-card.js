// @ts-check
// The parts a shoutout's alert adds to its card: the other channel's avatar (its initial while the
// lookup runs, when there is none, or when it fails to load) and the game it was last seen playing.
// Text nodes only: the names and the game come from Twitch users.

/** @typedef {import('./lib/shoutout-channel.js').ShoutoutChannel} ShoutoutChannel */

/**
 * Puts the avatar in front of `card` and, once the lookup has answered, the avatar image and
 * "Last seen playing …" under the text. A lookup that answers after the card went up still fills
 * it in; one that fails leaves the initial.
 * @param {HTMLElement} card
 * @param {Promise<ShoutoutChannel | null>} lookup
 * @param {string} name  the channel's display name, for the initial
 */
export function addShoutoutParts(card, lookup, name) {
  card.classList.add('alert--channel');
  const placeholder = initial(name);
  card.prepend(placeholder);
  void lookup.then((channel) => {
    if (!channel) return;
    if (channel.avatarUrl) {
      const image = document.createElement('img');
      image.className = 'alert__avatar';
      image.alt = '';
      image.decoding = 'async';
      image.addEventListener('error', () => image.replaceWith(initial(name)), { once: true });
      image.src = channel.avatarUrl;
      placeholder.replaceWith(image);
    }
    if (channel.gameName) {
      const line = document.createElement('div');
      line.className = 'alert__game';
      line.textContent = `Last seen playing ${channel.gameName}`;
      card.append(line);
    }
  });
}

/**
 * The channel's initial in a circle, where its avatar goes.
 * @param {string} name
 */
function initial(name) {
  const letter = document.createElement('div');
  letter.className = 'alert__avatar alert__avatar--initial';
  letter.textContent = [...name.trim()][0]?.toUpperCase() ?? '?';
  return letter;
}
