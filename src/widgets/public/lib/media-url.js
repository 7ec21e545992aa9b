// @ts-check

/**
 * Where the alert box loads a `media` value from: an http(s) URL as given, a file name of the media
 * folder as `/media/<name>`; "" for nothing, and for a name that would leave the folder (warned).
 * @param {string} value
 * @param {string} option  the option's name, for the warning
 */
export function mediaUrl(value, option) {
  const trimmed = value.trim();
  if (trimmed === '') return '';
  if (/^https?:\/\//i.test(trimmed)) {
    try {
      return new URL(trimmed).href;
    } catch {
      console.warn(`twitch-realtime: ${option}=${trimmed} is not a URL; ignored.`);
      return '';
    }
  }
  const parts = trimmed.split('/');
  if (
    trimmed.includes('\\') ||
    /^[a-z][a-z0-9+.-]*:/i.test(trimmed) ||
    parts.some((part) => part === '' || part === '.' || part === '..' || part.startsWith('.'))
  ) {
    console.warn(
      `twitch-realtime: ${option}=${trimmed} is neither an http(s) URL nor a file name inside the media folder (no "..", no leading "/"); ignored.`,
    );
    return '';
  }
  return `/media/${parts.map(encodeURIComponent).join('/')}`;
}
