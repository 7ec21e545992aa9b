// @ts-check

/** @typedef {import('../../../contract/sse-contract.js').StatsData} StatsData */
/** @typedef {import('../../../contract/sse-contract.js').EventSubStatus} EventSubStatus */
/** @typedef {import('../../../contract/sse-contract.js').PollStatus} PollStatus */
/** @typedef {import('../../../contract/sse-contract.js').StatusData} StatusData */
/** @typedef {import('../../../contract/sse-contract.js').RecoveryReport} RecoveryReport */
/** @typedef {import('../../../contract/sse-contract.js').EventLogStatus} EventLogStatus */
/** @typedef {import('../../../health/health-reporter.js').HealthReport} HealthReport */
/** @typedef {{ state: 'ok' | 'unauthorized' | 'signed-out'; detail?: string }} AuthStatus */
/** @typedef {'good' | 'warn' | 'bad' | 'idle'} Tone */

import { describeRecoveredCounts } from '../recovered-summary.js';
import { withCurrentPollTimes, withCurrentTimes } from './status-times.js';

/** What to do when Twitch does not accept the service's sign-in. */
const SIGN_IN_HINT =
  'Sign in with Twitch: press "Connect Twitch" below (or run "npm run auth" where the service runs) and enter the code at twitch.tv/activate. The dashboard updates by itself once it is connected.';

const numberFormat = new Intl.NumberFormat();

/**
 * The dashboard's channel card and connection list: live/offline and numbers, EventSub, stats
 * poll, sign-in and SSE clients. Fed by `stats` and `status` messages and by `GET /api/health`.
 */
export class StatusView {
  /** @type {EventSubStatus | null} */
  #eventsub = null;
  /** @type {PollStatus | null} */
  #poll = null;
  /** @type {AuthStatus | null} */
  #auth = null;
  /** @type {RecoveryReport | null} */
  #recovery = null;
  /** @type {EventLogStatus | null} */
  #eventLog = null;
  constructor() {
    this.render();
  }

  /**
   * @param {StatsData} stats
   * @param {boolean} known  false until the service has polled Twitch (its numbers are placeholders)
   */
  showStats(stats, known) {
    const live = byId('live');
    live.dataset.live = known ? String(stats.live) : 'unknown';
    live.textContent = !known ? 'Waiting for the first poll' : stats.live ? 'LIVE' : 'Offline';
    const show = (/** @type {number} */ value) => (known ? numberFormat.format(value) : '–');
    byId('viewers').textContent = show(stats.viewers);
    byId('followers').textContent = show(stats.followers);
    byId('subs').textContent = show(stats.subs);
    const info = [stats.title, stats.game].filter(Boolean).join(' · ');
    const stale = stats.stale
      ? `Numbers may be out of date: ${(stats.error ?? 'the poll fails').replace(/\.$/, '')}.`
      : '';
    byId('stream-info').textContent = [info, stale].filter(Boolean).join(' — ');
  }

  /** @param {StatusData} status */
  showStatus(status) {
    if ('eventsub' in status) this.#eventsub = status.eventsub;
    else if ('poll' in status) this.#poll = status.poll;
    else if ('auth' in status) this.#auth = status.auth;
    else if ('recovery' in status) this.#recovery = status.recovery;
    else if ('eventLog' in status) this.#eventLog = status.eventLog;
    this.render();
  }

  /** @param {HealthReport} health */
  showHealth(health) {
    // Status messages say when a state changes, so the state they carry is never out of date; the
    // times in them are (EventSub's last message moves with every keepalive, which is no news).
    // Health is polled: it fills the gaps and keeps those times current.
    this.#eventsub = withCurrentTimes(this.#eventsub, health.eventsub);
    this.#poll = withCurrentPollTimes(this.#poll, health.poll);
    byId('mode').hidden = false;
    byId('mode').textContent = health.mode === 'demo' ? 'demo mode (simulator)' : 'Twitch';
    row('clients-status', 'SSE clients', String(health.sse.clients), 'idle');
    showInstances(health.instances ?? []);
    this.render();
  }

  /** Redraws the connection rows (also to keep "… ago" current). */
  render() {
    const eventsub = this.#eventsub;
    if (!eventsub) {
      row('eventsub-status', 'EventSub', 'no status yet', 'idle');
    } else {
      const tone = /** @type {Record<EventSubStatus['state'], Tone>} */ ({
        connected: 'good',
        starting: 'warn',
        reconnecting: 'warn',
        down: 'bad',
        unauthorized: 'bad',
      })[eventsub.state];
      const failing = (eventsub.subscriptions ?? []).filter((s) => s.status !== 'enabled');
      const details = [
        eventsub.state === 'unauthorized' ? 'unauthorized — sign in' : eventsub.state,
        eventsub.lastMessageAt ? `last message ${ago(eventsub.lastMessageAt)}` : '',
        eventsub.lastCloseCode
          ? `closed ${eventsub.lastCloseCode} ${eventsub.lastCloseReason ?? ''}`
          : '',
        ...failing.map((s) => `${s.type}: ${s.error ?? s.status}`),
        eventsub.detail ?? '',
      ];
      row('eventsub-status', 'EventSub', details.filter(Boolean).join(' · '), tone);
    }

    const poll = this.#poll;
    if (!poll) {
      row('poll-status', 'Stats poll', 'no poll yet', 'idle');
    } else {
      const when = poll.lastPollAt ? `last ${ago(poll.lastPollAt)}` : 'not polled yet';
      const next = poll.nextPollAt ? `next ${until(poll.nextPollAt)}` : '';
      const text = [poll.ok ? 'ok' : `failing: ${poll.error ?? 'unknown error'}`, when, next];
      row('poll-status', 'Stats poll', text.filter(Boolean).join(' · '), poll.ok ? 'good' : 'bad');
    }

    const auth = this.#auth;
    byId('auth-status').hidden = !auth;
    if (auth) {
      const text = auth.state === 'ok' ? 'signed in' : `${auth.state} — sign in`;
      row('auth-status', 'Twitch sign-in', text, auth.state === 'ok' ? 'good' : 'bad');
    }

    const recovery = this.#recovery;
    byId('recovery-status').hidden = !recovery;
    if (recovery) {
      const span = `${clock(recovery.start)}–${clock(recovery.end)}`;
      const counts = describeRecoveredCounts(recovery.recovered);
      const text =
        recovery.state === 'recovering'
          ? `EventSub was away ${span}; asking Helix what happened`
          : recovery.state === 'failed'
            ? `EventSub was away ${span}; ${recovery.detail ?? 'recovery failed'}`
            : `EventSub was away ${span}; recovered ${counts || 'nothing'} — may be missing: ${recovery.missing.join('; ')}`;
      const tone =
        recovery.state === 'done' ? 'warn' : recovery.state === 'failed' ? 'bad' : 'idle';
      row('recovery-status', 'Gap recovery', text, tone);
    }

    const eventLog = this.#eventLog;
    byId('event-log-status').hidden = !eventLog || eventLog.state === 'ok';
    if (eventLog && eventLog.state !== 'ok') {
      row('event-log-status', 'Event log', eventLog.detail ?? 'memory only', 'bad');
    }

    const needsSignIn = eventsub?.state === 'unauthorized' || (auth && auth.state !== 'ok');
    const hint = byId('sign-in');
    hint.hidden = !needsSignIn;
    if (needsSignIn) {
      // The service's own words first; the general hint when they do not already say how.
      const details = [auth?.detail, eventsub?.detail]
        .filter(Boolean)
        .filter((text, index, all) => all.indexOf(text) === index);
      const saysHow = details.some((text) => /npm run auth|Connect Twitch/.test(text ?? ''));
      hint.textContent = [...details, ...(saysHow ? [] : [SIGN_IN_HINT])].join(' ');
    }
  }
}

/**
 * @param {string} id
 * @param {string} name
 * @param {string} text
 * @param {Tone} tone
 */
function row(id, name, text, tone) {
  const element = byId(id);
  element.className = `status status--${tone}`;
  element.replaceChildren();
  const label = document.createElement('strong');
  label.textContent = name;
  const value = document.createElement('span');
  value.textContent = text;
  element.append(label, value);
}

/**
 * Several instances on Redis: each one's role, its EventSub session (the leader's, the standby's),
 * clients and last heartbeat (this instance first).
 * Hidden for a single instance, whose clients the row above already counts.
 * @param {HealthReport['instances']} instances
 */
function showInstances(instances) {
  const element = byId('instances-status');
  element.hidden = instances.length < 2;
  if (element.hidden) return;
  const text = instances
    .map((i, n) => {
      const heard = n === 0 ? 'this one' : `heard ${ago(i.heartbeatAt)}`;
      return `${i.id} (${[i.role, eventSubOf(i), `${i.clients} clients`, heard].filter(Boolean).join(', ')})`;
    })
    .join(' · ');
  const leaders = instances.filter((i) => i.role === 'leader').length;
  // A standby whose EventSub session is not connected would not cover a failover: worth a look.
  const standbyDown = instances.some((i) => i.role === 'standby' && i.eventsub !== 'connected');
  row('instances-status', 'Instances', text, leaders === 1 && !standbyDown ? 'good' : 'warn');
}

/**
 * The EventSub session an instance holds, in words ('' for a follower, which holds none).
 * @param {HealthReport['instances'][number]} instance
 */
function eventSubOf(instance) {
  if (instance.eventsub === undefined || instance.eventsub === null) return '';
  return `EventSub ${instance.eventsub}`;
}

/** @param {string} id */
function byId(id) {
  return /** @type {HTMLElement} */ (document.getElementById(id));
}

/** @param {string} iso  a time of day, as the streamer's clock shows it */
function clock(iso) {
  return new Date(iso).toLocaleTimeString([], {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** @param {string} iso */
function ago(iso) {
  const seconds = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  return seconds < 90 ? `${seconds} s ago` : `${Math.round(seconds / 60)} min ago`;
}

/** @param {string} iso */
function until(iso) {
  const seconds = Math.round((Date.parse(iso) - Date.now()) / 1000);
  return seconds <= 0
    ? 'due'
    : seconds < 90
      ? `in ${seconds} s`
      : `in ${Math.round(seconds / 60)} min`;
}
