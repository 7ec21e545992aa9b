// @ts-check
import { StreamHub } from './stream-hub.js';

/** @typedef {import('./stream-hub.js').HubMessage} HubMessage */
/** @typedef {import('./stream-hub.js').MemberMessage} MemberMessage */

/**
 * A page's line to the browser's `StreamHub`.
 * @typedef {object} HubLink
 * @property {(message: MemberMessage) => void} post  to the hub
 * @property {(listener: (message: HubMessage) => void) => void} listen  what the hub says
 * @property {() => void} close
 */

/**
 * The name of the shared worker, the lock and the channel: pages of one version of the
 * relay's messages share one hub, and a page of another version (a service upgraded while some
 * widgets still run the old page) gets a hub of its own rather than one it cannot talk to.
 */
const HUB_NAME = 'twitch-realtime-stream/1';

/**
 * A shared worker that has not said hello in this long never will (a browser whose workers are
 * off): the page then shares the stream some other way. Generous, because giving up on a worker
 * that is only slow costs a second connection for good: OBS starts every browser source at once
 * next to a running game, and a worker's modules can take seconds to load then (CI saw over 3 s).
 * A worker that cannot load at all says so at once, with an `error` event.
 */
const HELLO_TIMEOUT_MS = 10_000;

/**
 * A line to the browser's shared stream (how it is shared shows as `data-shared-stream` on
 * <html>: `worker`, `holder` for the page elected to hold it, `member` for the others): to a SharedWorker where the browser has one, otherwise
 * to the page the others elected with a Web Lock, over a BroadcastChannel. Null where the browser
 * has neither (the page then holds a connection of its own).
 * @returns {Promise<HubLink | null>}
 */
export async function linkToHub() {
  return (await workerLink()) ?? electedLink();
}

/** @returns {Promise<HubLink | null>} */
function workerLink() {
  if (typeof SharedWorker !== 'function') return Promise.resolve(null);
  return new Promise((resolve) => {
    /** @type {SharedWorker} */
    let worker;
    try {
      worker = new SharedWorker(new URL('./stream-hub-worker.js', import.meta.url), {
        type: 'module',
        name: HUB_NAME,
      });
    } catch {
      resolve(null);
      return;
    }
    const port = worker.port;
    /** @type {((message: HubMessage) => void) | null} */
    let listener = null;
    /** @type {HubMessage[]} */
    const early = [];
    const giveUp = () => {
      clearTimeout(timer);
      port.close();
      resolve(null);
    };
    const timer = setTimeout(giveUp, HELLO_TIMEOUT_MS);
    worker.addEventListener('error', giveUp);
    port.onmessage = ({ data }) => {
      if (listener) return listener(data);
      early.push(data);
      if (data.kind !== 'hello') return;
      clearTimeout(timer);
      worker.removeEventListener('error', giveUp);
      document.documentElement.dataset.sharedStream = 'worker';
      resolve({
        post: (message) => port.postMessage(message),
        listen: (next) => {
          listener = next;
          for (const message of early.splice(0)) next(message);
        },
        close: () => port.close(),
      });
    };
  });
}

/** @returns {HubLink | null} */
function electedLink() {
  if (!navigator.locks || typeof BroadcastChannel !== 'function') return null;
  const channel = new BroadcastChannel(HUB_NAME);
  document.documentElement.dataset.sharedStream = 'member';
  /** @type {StreamHub | null} */
  let hub = null;
  /** @type {(() => void) | null} */
  let release = null;
  /** @type {((message: HubMessage) => void) | null} */
  let listener = null;
  // A channel does not deliver to its sender: this page's own share gets the hub's words here.
  /** @param {HubMessage} message */
  const tell = (message) => {
    channel.postMessage(message);
    queueMicrotask(() => listener?.(message));
  };
  const waiting = new AbortController();
  // Every page asks for the lock; the one that holds it holds the stream until it goes away
  // (the browser releases a closed page's locks), and the next in line takes over.
  navigator.locks
    .request(HUB_NAME, { signal: waiting.signal }, () => {
      document.documentElement.dataset.sharedStream = 'holder';
      hub = new StreamHub({ broadcast: tell, send: (_member, message) => tell(message) });
      hub.start();
      tell(hub.hello);
      return new Promise((resolve) => (release = () => resolve(undefined)));
    })
    .catch(() => {
      // Closed before its turn came.
    });
  channel.onmessage = ({ data }) => {
    if (data.kind === 'join' || data.kind === 'leave') hub?.receive(data);
    else listener?.(data);
  };
  return {
    post: (message) => {
      channel.postMessage(message);
      const local = hub;
      if (local) queueMicrotask(() => local.receive(message));
    },
    listen: (next) => (listener = next),
    close: () => {
      waiting.abort();
      hub?.stop();
      release?.();
      channel.close();
    },
  };
}
