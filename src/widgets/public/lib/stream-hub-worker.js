// @ts-check
/// <reference lib="webworker" />
import { StreamHub } from './stream-hub.js';

/**
 * The SharedWorker that holds the browser's one connection to the stream for every widget and
 * dashboard page of this service (`StreamHub`). Each page talks to it over its own port.
 */

/** Every page's port. @type {Set<MessagePort>} */
const ports = new Set();
/** Each page's port by its member name, for answers meant for one page. @type {Map<string, MessagePort>} */
const members = new Map();

const hub = new StreamHub({
  broadcast: (message) => {
    for (const port of ports) port.postMessage(message);
  },
  send: (member, message) => members.get(member)?.postMessage(message),
});
let started = false;

/** @param {MessageEvent} event */
function connect(event) {
  const port = /** @type {MessagePort} */ (event.ports[0]);
  ports.add(port);
  port.onmessage = ({ data }) => {
    if (data.kind === 'join') {
      members.set(data.member, port);
      // Connected on the first join, not the first hello: a page that gave up waiting for the
      // hello never joins, and a worker only it reached must not hold a stream nobody reads.
      if (!started) {
        started = true;
        hub.start();
      }
    }
    if (data.kind === 'leave') {
      members.delete(data.member);
      ports.delete(port);
    }
    hub.receive(data);
  };
  port.postMessage(hub.hello);
}

globalThis.addEventListener('connect', /** @type {EventListener} */ (connect));
