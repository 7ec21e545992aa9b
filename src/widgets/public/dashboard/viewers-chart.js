// @ts-check
import { chartMarkers, chartSeries, count } from './recap-text.js';

/** @typedef {import('../../../streams/streams-api.js').StreamRecap} StreamRecap */
/** @typedef {import('./recap-text.js').ChartMarker} ChartMarker */
/** @typedef {typeof import('uplot')} UPlotClass */
/** @typedef {import('uplot')} UPlot */

// uPlot (MIT, no dependencies, ~50 KB minified), served by the service from its npm package
// (`VendorFilesController`), never a CDN: the dashboard's charts work offline. Loaded the first
// time a recap is opened, so the dashboard itself does not wait for it.
const UPLOT_MODULE = '/widgets/vendor/uplot/uPlot.esm.js';
const UPLOT_STYLES = '/widgets/vendor/uplot/uPlot.min.css';

const CHART_HEIGHT = 260;
const clockFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** @type {Promise<UPlotClass> | undefined} */
let library;

/** uPlot's class, loaded (with its style sheet) once. */
function loadUPlot() {
  library ??= (async () => {
    if (!document.querySelector(`link[href="${UPLOT_STYLES}"]`)) {
      const styles = document.createElement('link');
      styles.rel = 'stylesheet';
      styles.href = UPLOT_STYLES;
      document.head.append(styles);
    }
    const module = /** @type {{ default: UPlotClass }} */ (await import(UPLOT_MODULE));
    return module.default;
  })().catch((error) => {
    library = undefined; // the next recap tries again
    throw error;
  });
  return library;
}

/**
 * A stream's viewers over time (a point per poll), with a marker at each raid and hype train, and
 * the markers listed below in words. Its element says what it drew: `data-points`, `data-markers`.
 */
export class ViewersChart {
  /** @type {UPlot | undefined} */
  #plot;
  /** @type {ChartMarker[]} */
  #markers = [];
  #resize = new ResizeObserver(() => {
    if (this.#plot && this.plotArea.clientWidth > 0) {
      this.#plot.setSize({ width: this.plotArea.clientWidth, height: CHART_HEIGHT });
    }
  });

  constructor() {
    this.element = document.createElement('figure');
    this.element.className = 'recap-chart';
    this.plotArea = document.createElement('div');
    this.plotArea.className = 'recap-chart__plot';
    this.plotArea.setAttribute('role', 'img');
    this.note = document.createElement('p');
    this.note.className = 'muted';
    this.legend = document.createElement('ol');
    this.legend.className = 'recap-chart__legend';
    this.element.append(this.plotArea, this.note, this.legend);
    this.#resize.observe(this.plotArea);
  }

  /**
   * Draws `recap` (in place of what was drawn); resolves once drawn.
   * @param {StreamRecap} recap
   */
  async draw(recap) {
    this.#markers = chartMarkers(recap);
    this.#listMarkers();
    const { times, viewers, from, to } = chartSeries(recap);
    this.element.dataset.points = String(times.length);
    this.plotArea.setAttribute(
      'aria-label',
      `Viewers over time: ${times.length} polls, peak ${count(recap.viewers.peak)}`,
    );
    this.note.textContent =
      times.length === 0 ? 'No viewer counts: no poll saw this stream live.' : '';
    this.#plot?.destroy();
    this.#plot = undefined;
    this.element.dataset.markers = '0';
    if (times.length === 0) return;
    const UPlot = await loadUPlot();
    const axis = {
      stroke: '#a2a2ad',
      grid: { stroke: '#2c2c36', width: 1 },
      ticks: { stroke: '#2c2c36', width: 1 },
    };
    this.#plot = new UPlot(
      {
        width: Math.max(280, this.plotArea.clientWidth),
        height: CHART_HEIGHT,
        scales: {
          x: { time: true, range: () => [from, to] },
          y: { range: (_plot, _min, max) => [0, Math.max(10, Math.ceil(max * 1.15))] },
        },
        axes: [axis, { ...axis, size: 50 }],
        series: [
          {},
          {
            label: 'Viewers',
            stroke: '#9146ff',
            width: 2,
            fill: 'rgba(145, 70, 255, 0.15)',
            points: { show: true, size: 6 },
          },
        ],
        legend: { show: false },
        hooks: { draw: [(plot) => this.#placeMarkers(plot)] },
      },
      [times, viewers],
      this.plotArea,
    );
  }

  /** Stops following the page's size (the chart is gone). */
  destroy() {
    this.#resize.disconnect();
    this.#plot?.destroy();
    this.#plot = undefined;
  }

  /**
   * A line over the plot at each marker's time, redrawn with the chart (on resize too).
   * @param {UPlot} plot
   */
  #placeMarkers(plot) {
    for (const old of plot.over.querySelectorAll('.recap-chart__marker')) old.remove();
    let placed = 0;
    for (const marker of this.#markers) {
      const x = plot.valToPos(marker.at, 'x');
      if (!(x >= 0 && x <= plot.over.clientWidth)) continue;
      const line = document.createElement('div');
      line.className = 'recap-chart__marker';
      line.dataset.kind = marker.kind;
      line.style.left = `${x}px`;
      line.title = marker.label;
      const flag = document.createElement('span');
      flag.textContent = marker.kind === 'raid' ? 'Raid' : 'Hype';
      line.append(flag);
      plot.over.append(line);
      placed++;
    }
    this.element.dataset.markers = String(placed);
  }

  /** The markers in words, under the chart. */
  #listMarkers() {
    this.legend.replaceChildren(
      ...this.#markers.map((marker) => {
        const item = document.createElement('li');
        item.dataset.kind = marker.kind;
        const time = document.createElement('time');
        time.dateTime = new Date(marker.at * 1000).toISOString();
        time.textContent = clockFormat.format(marker.at * 1000);
        item.append(time, ` ${marker.label}`);
        return item;
      }),
    );
  }
}
