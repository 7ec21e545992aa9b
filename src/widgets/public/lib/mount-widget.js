// @ts-check
import { connectionBadge } from './connection-badge.js';
import { StreamConnection, placeKey } from './stream-connection.js';
import { WidgetQuery } from './widget-query.js';
import { applyLook } from './widget-look.js';

/** @typedef {import('../../../contract/sse-contract.js').StreamMessage} StreamMessage */
/** @typedef {import('./widget-spec.js').WidgetSpec} WidgetSpec */

/**
 * What a widget's view can ask of the page that mounts it.
 * @typedef {object} WidgetPage
 * @property {() => void} save  keeps the widget's place now (with `keep`): for a change no
 *   message brings, such as an alert that finished playing
 * @property {(oldest: () => number | null) => void} resumeBefore  from now on the kept place stays
 *   before the id this returns (an alert not played yet), so a reload takes that message again
 */

/**
 * Whether the widget follows the live stream yet: false while it loads what came before (`catchUp`).
 * @typedef {object} DrawPhase
 * @property {boolean} caughtUp
 */

/**
 * A widget: its URL options, what it asks the stream for, the state it folds messages into and
 * the view that draws that state.
 * @template Settings, State, Kept
 * @typedef {object} WidgetDefinition
 * @property {WidgetSpec} spec  its URL options
 * @property {(query: WidgetQuery) => Settings} settings  what it reads from its URL, once
 * @property {(settings: Settings) => Record<string, string>} query  the stream filters it asks
 *   for (`types`, `events`)
 * @property {(settings: Settings, kept: Kept | null) => State} initial  its state before the first
 *   message; `kept` is what an earlier load of the same page kept (see `keep`)
 * @property {(state: State, message: StreamMessage, id: number, settings: Settings) => State} reduce
 *   pure: the state after a message, or the same state when the message changes nothing (then
 *   nothing is drawn)
 * @property {(settings: Settings, page: WidgetPage) => (state: State, phase: DrawPhase) => void} view
 *   builds the widget's elements once and returns what draws a state into them
 * @property {(state: State) => Kept} [keep]  what to keep with the widget's place in the stream
 *   (localStorage), so a reload resumes where it was; without it the widget keeps nothing, as the
 *   service sends its states to every client that connects
 * @property {number} [redrawEveryMs]  draws again this often, for a view that moves with the clock
 * @property {(settings: Settings, take: (message: StreamMessage, id: number) => void) => Promise<number>} [catchUp]
 *   loads what came before (each message through `take`) and gives the id the stream resumes
 *   after; a widget that catches up keeps no place of its own
 */

/**
 * Runs a widget page: reads its options from the URL, sets its look, connects it to the stream
 * (the badge shows the connection's state), folds each message into its state and draws it.
 * @template Settings, State, Kept
 * @param {WidgetDefinition<Settings, State, Kept>} widget
 */
export function mountWidget(widget) {
  if (widget.keep && widget.catchUp) throw new Error('a widget that catches up keeps no place');
  const query = new WidgetQuery(widget.spec, location.search);
  const settings = widget.settings(query);
  applyLook(query);
  const badge = connectionBadge(query.choice('debug') === 'on');

  /** @type {StreamConnection<Kept> | null} */
  let connection = null;
  /** @type {() => number | null} */
  let oldestUnfinished = () => null;
  const draw = widget.view(settings, {
    save: () => connection?.save(),
    resumeBefore: (oldest) => {
      oldestUnfinished = oldest;
    },
  });
  const keep = widget.keep;
  /** False while the widget loads what came before (`catchUp`). */
  let caughtUp = !widget.catchUp;

  /** @param {number} [startAfter] */
  const connect = (startAfter) => {
    /** @type {StreamConnection<Kept>} */
    const created = new StreamConnection({
      storageKey: keep ? placeKey(widget.spec.name) : null,
      startAfter,
      query: widget.query(settings),
      onMessage: take,
      ...(keep && {
        place: () => {
          const oldest = oldestUnfinished();
          return { cursor: oldest === null ? created.lastId : oldest - 1, state: keep(state) };
        },
      }),
      onStateChange: badge,
    });
    return created;
  };

  /** @type {(message: StreamMessage, id: number) => void} */
  const take = (message, id) => {
    const next = widget.reduce(state, message, id, settings);
    if (next === state) return;
    state = next;
    draw(state, { caughtUp });
  };

  const { catchUp } = widget;
  if (!catchUp) connection = connect();
  let state = widget.initial(settings, connection?.savedState ?? null);
  draw(state, { caughtUp });
  if (widget.redrawEveryMs) {
    window.setInterval(() => draw(state, { caughtUp }), widget.redrawEveryMs);
  }

  if (!catchUp) {
    connection?.start();
    return;
  }
  void catchUp(settings, take).then((lastId) => {
    caughtUp = true;
    draw(state, { caughtUp });
    connection = connect(lastId);
    connection.start();
  });
}
