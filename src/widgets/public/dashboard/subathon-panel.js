// @ts-check
import { formatDuration, subathonRemainingMs } from '../lib/subathon-time.js';

/** @typedef {import('../../../contract/sse-contract.js').SubathonData} SubathonData */
/** @typedef {import('../../../contract/sse-contract.js').SubathonSettings} SubathonSettings */
/** @typedef {import('../../../contract/sse-contract.js').LabelsData} LabelsData */

/** What each state is called, and what the start button does from it. */
const STATES = {
  idle: { text: 'not started', action: 'resume', button: 'Start' },
  running: { text: 'running', action: 'pause', button: 'Pause' },
  paused: { text: 'paused', action: 'resume', button: 'Resume' },
  ended: { text: 'ended', action: 'resume', button: 'Resume' },
};

const numberFormat = new Intl.NumberFormat();

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * The dashboard's subathon card: the timer as the service holds it (its `subathon` state), its
 * buttons (start/pause, reset, add and remove minutes), what adds time, and the labels' session.
 * Every action is an admin route; the card shows the state the stream sends back.
 */
export class SubathonPanel {
  /** @type {SubathonData | null} */
  #timer = null;
  #settingsShown = false;

  /**
   * @param {(path: string, body: unknown, done: string) => Promise<void>} act  calls an admin
   *   route and says how it went
   */
  constructor(act) {
    this.act = act;
    const toggle = byId('subathon-toggle');
    toggle.addEventListener('click', () => {
      const action = STATES[this.#timer?.state ?? 'idle'].action;
      void act(
        `/api/admin/subathon/${action}`,
        undefined,
        action === 'pause' ? 'Timer paused' : 'Timer running',
      );
    });
    byId('subathon-reset').addEventListener('click', () => {
      if (
        !window.confirm(
          'Reset the subathon timer to its start time? The time run and added is forgotten.',
        )
      )
        return;
      void act('/api/admin/subathon/reset', undefined, 'Timer reset');
    });
    const timeForm = /** @type {HTMLFormElement} */ (byId('subathon-time-form'));
    timeForm.addEventListener('submit', (event) => {
      event.preventDefault();
      const submitter = /** @type {HTMLButtonElement | null} */ (
        /** @type {SubmitEvent} */ (event).submitter
      );
      const action = submitter?.value === 'remove' ? 'remove' : 'add';
      const minutes = Number(/** @type {HTMLInputElement} */ (byId('subathon-minutes')).value);
      void act(
        `/api/admin/subathon/${action}`,
        { seconds: minutes * 60 },
        `${action === 'add' ? 'Added' : 'Took away'} ${numberFormat.format(minutes)} min`,
      );
    });
    const settingsForm = /** @type {HTMLFormElement} */ (byId('subathon-settings'));
    settingsForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void act('/api/admin/subathon/settings', readSettings(settingsForm), 'Settings saved');
    });
    byId('labels-reset').addEventListener(
      'click',
      () => void act('/api/admin/labels/reset-session', undefined, 'Labels: a new session'),
    );
    window.setInterval(() => this.#renderTime(), 500);
  }

  /** @param {SubathonData} timer  the stream's `subathon` state */
  showTimer(timer) {
    this.#timer = timer;
    const state = STATES[timer.state];
    byId('subathon-state').textContent = state.text;
    byId('subathon-state').className = `pill ${timer.state === 'running' ? 'pill--good' : ''}`;
    const toggle = byId('subathon-toggle');
    toggle.textContent = state.button;
    toggle.dataset.action = state.action;
    const { settings } = timer;
    const cap =
      settings.capSeconds === null
        ? 'no cap'
        : `cap ${formatDuration(settings.capSeconds * 1000)} in all`;
    byId('subathon-info').textContent =
      `Run ${formatDuration(timer.elapsedMs)} so far · ${cap}${timer.capped ? ' (reached)' : ''} · a Tier 1 sub adds ${numberFormat.format(settings.tier1Seconds)} s, 100 bits ${numberFormat.format(settings.per100BitsSeconds)} s${settings.followSeconds > 0 ? `, a follow ${numberFormat.format(settings.followSeconds)} s` : ''}.`;
    // The form shows the service's settings until someone edits it.
    if (!this.#settingsShown) {
      this.#settingsShown = true;
      fillSettings(/** @type {HTMLFormElement} */ (byId('subathon-settings')), settings);
    }
    this.#renderTime();
  }

  /** @param {LabelsData} labels  the stream's `labels` state */
  showLabels(labels) {
    const { follows, subs, bits, raids } = labels.session;
    const count = (/** @type {number} */ n, /** @type {string} */ one) =>
      `${numberFormat.format(n)} ${one}${n === 1 ? '' : 's'}`;
    const since = labels.sessionStartedAt
      ? ` (live since ${new Date(labels.sessionStartedAt).toLocaleTimeString()})`
      : '';
    byId('labels-session').textContent =
      `This stream${since}: ${count(follows, 'follow')}, ${count(subs, 'sub')}, ${numberFormat.format(bits)} bits, ${count(raids, 'raid')}.`;
  }

  #renderTime() {
    if (!this.#timer) return;
    byId('subathon-time').textContent = formatDuration(
      subathonRemainingMs(this.#timer, Date.now()),
    );
  }
}

/**
 * The settings form's values as a settings request: minutes and hours to seconds; an empty
 * gifted-sub time or cap is null (as its tier; no cap); other empty fields are left as they are.
 * @param {HTMLFormElement} form
 */
function readSettings(form) {
  const data = new FormData(form);
  /** @param {string} name */
  const number = (name) => {
    const text = String(data.get(name) ?? '').trim();
    return text === '' ? undefined : Number(text);
  };
  const start = number('startMinutes');
  const cap = number('capHours');
  const gifted = number('giftedSubSeconds');
  const resub = number('resubSeconds');
  return {
    ...(start === undefined ? {} : { startSeconds: start * 60 }),
    tier1Seconds: number('tier1Seconds'),
    tier2Seconds: number('tier2Seconds'),
    tier3Seconds: number('tier3Seconds'),
    giftedSubSeconds: gifted ?? null,
    resubSeconds: resub ?? null,
    per100BitsSeconds: number('per100BitsSeconds'),
    followSeconds: number('followSeconds'),
    capSeconds: cap === undefined ? null : cap * 3600,
  };
}

/**
 * @param {HTMLFormElement} form
 * @param {SubathonSettings} settings
 */
function fillSettings(form, settings) {
  /** @param {string} name @param {number | null} value */
  const set = (name, value) => {
    const input = /** @type {HTMLInputElement | null} */ (form.elements.namedItem(name));
    if (input) input.value = value === null ? '' : String(Math.round(value * 1000) / 1000);
  };
  set('startMinutes', settings.startSeconds / 60);
  set('tier1Seconds', settings.tier1Seconds);
  set('tier2Seconds', settings.tier2Seconds);
  set('tier3Seconds', settings.tier3Seconds);
  set('giftedSubSeconds', settings.giftedSubSeconds);
  set('resubSeconds', settings.resubSeconds ?? null);
  set('per100BitsSeconds', settings.per100BitsSeconds);
  set('followSeconds', settings.followSeconds);
  set('capHours', settings.capSeconds === null ? null : settings.capSeconds / 3600);
}
