// @ts-check
import { AdminError } from './admin-api.js';

/** @typedef {import('../../../auth/device-code-sign-in.js').DeviceSignInView} DeviceSignInView */
/** @typedef {import('./admin-api.js').AdminApi} AdminApi */

const POLL_EVERY_MS = 2000;

/**
 * "Connect Twitch" on the dashboard: starts the Device Code Flow through the admin route, shows the
 * code and where to enter it, and follows the sign-in until it is connected (or says why not).
 * EventSub and the stats poller start by themselves once it is.
 */
export class TwitchConnect {
  /** @type {number | undefined} */
  #timer;

  /**
   * @param {HTMLElement} root
   * @param {AdminApi} admin
   */
  constructor(root, admin) {
    this.root = root;
    this.admin = admin;
    this.button = document.createElement('button');
    this.button.type = 'button';
    this.button.id = 'connect-twitch-button';
    this.button.textContent = 'Connect Twitch';
    this.button.addEventListener('click', () => void this.start());
    this.message = document.createElement('p');
    this.message.id = 'connect-twitch-message';
    this.message.className = 'muted';
    root.replaceChildren(this.button, this.message);
  }

  /**
   * Labels the button for the current sign-in state.
   * @param {boolean} signedIn
   */
  showSignedIn(signedIn) {
    if (this.#timer === undefined)
      this.button.textContent = signedIn ? 'Sign in again' : 'Connect Twitch';
  }

  async start() {
    this.button.disabled = true;
    try {
      this.show(await this.admin.post('/api/admin/twitch/device'));
    } catch (error) {
      this.fail(error);
    }
  }

  /** @param {DeviceSignInView | { state: 'idle' }} view */
  show(view) {
    window.clearTimeout(this.#timer);
    this.#timer = undefined;
    this.message.replaceChildren();
    switch (view.state) {
      case 'waiting': {
        const link = document.createElement('a');
        link.href = view.verificationUri;
        link.target = '_blank';
        link.rel = 'noopener';
        link.textContent = view.verificationUri;
        const code = document.createElement('strong');
        code.id = 'connect-twitch-code';
        code.className = 'code';
        code.textContent = view.userCode;
        this.message.append('Open ', link, ' and enter the code ', code, '. Waiting for Twitch…');
        this.button.disabled = true;
        this.#timer = window.setTimeout(() => void this.poll(), POLL_EVERY_MS);
        return;
      }
      case 'connected':
        this.message.textContent = `Connected as ${view.broadcaster}. Events and stats are on their way.`;
        break;
      case 'idle':
        break;
      default:
        this.message.textContent = view.detail;
    }
    this.button.disabled = false;
  }

  async poll() {
    try {
      this.show(await this.admin.get('/api/admin/twitch/device'));
    } catch (error) {
      this.fail(error);
    }
  }

  /** @param {unknown} error */
  fail(error) {
    this.message.textContent =
      error instanceof AdminError ? error.message : `Could not reach the service (${error}).`;
    this.button.disabled = false;
  }
}
