// @ts-check
import {
  caveats,
  count,
  downloadPath,
  goalText,
  recapNumbers,
  sourcesText,
  spanText,
} from './recap-text.js';
import { ViewersChart } from './viewers-chart.js';

/** @typedef {import('../../../streams/streams-api.js').StreamRecap} StreamRecap */

/**
 * One stream's recap in the Streams card: when it ran, its numbers, the viewers chart with its
 * raids and hype trains, the supporters, and its events to download. Every name in it is a
 * viewer's and is set as text (textContent, never markup).
 */
export class StreamRecapView {
  /**
   * @param {object} actions
   * @param {() => void} actions.onBack  back to the list
   * @param {() => void} actions.onRefresh  loads the recap again (a live stream's goes on)
   */
  constructor(actions) {
    this.element = document.createElement('article');
    this.element.className = 'recap';
    this.element.hidden = true;

    const head = document.createElement('header');
    head.className = 'recap__head';
    const back = button('← All streams', actions.onBack);
    back.classList.add('recap__back');
    this.title = document.createElement('h3');
    this.title.className = 'recap__title';
    this.refresh = button('Refresh', actions.onRefresh);
    this.csv = download('csv', 'Download CSV');
    this.json = download('json', 'Download JSON');
    const tools = document.createElement('div');
    tools.className = 'row';
    tools.append(this.refresh, this.csv, this.json);
    head.append(back, this.title, tools);

    this.sources = paragraph('muted');
    this.caveats = document.createElement('ul');
    this.caveats.className = 'recap__caveats';
    this.numbers = document.createElement('dl');
    this.numbers.className = 'recap__numbers';
    this.chart = new ViewersChart();
    this.supporters = document.createElement('div');
    this.supporters.className = 'recap__supporters';
    this.element.append(
      head,
      this.sources,
      this.caveats,
      this.numbers,
      heading('Viewers'),
      this.chart.element,
      heading('Supporters'),
      this.supporters,
    );
  }

  /**
   * Shows `recap`; resolves once its chart is drawn.
   * @param {StreamRecap} recap
   */
  async show(recap) {
    this.element.hidden = false;
    this.element.dataset.streamId = String(recap.id);
    this.element.dataset.live = String(recap.live);
    this.title.textContent = `Stream ${recap.id}: ${spanText(recap)}`;
    this.refresh.hidden = !recap.live;
    this.csv.href = downloadPath(recap.id, 'csv');
    this.json.href = downloadPath(recap.id, 'json');
    this.sources.textContent = sourcesText(recap);
    this.caveats.replaceChildren(...caveats(recap).map((text) => listItem(text)));
    this.numbers.replaceChildren(
      ...recapNumbers(recap).map(([label, value]) => {
        const row = document.createElement('div');
        const term = document.createElement('dt');
        term.textContent = label;
        const figure = document.createElement('dd');
        figure.textContent = value;
        row.append(term, figure);
        return row;
      }),
    );
    this.supporters.replaceChildren(...supporterLists(recap));
    await this.chart.draw(recap);
  }

  hide() {
    this.element.hidden = true;
  }
}

/**
 * The supporters' lists, each under its heading; those with nobody in them are left out.
 * @param {StreamRecap} recap
 * @returns {HTMLElement[]}
 */
function supporterLists(recap) {
  const top = [];
  if (recap.topCheerer) {
    top.push(`Top cheerer: ${recap.topCheerer.name} (${count(recap.topCheerer.amount)} Bits)`);
  }
  if (recap.topGifter) {
    top.push(`Top gifter: ${recap.topGifter.name} (${count(recap.topGifter.amount)} subs)`);
  }
  const lists = [
    section('Top', 'top', top),
    section(
      'Gifters',
      'gifters',
      recap.giftBombs.gifters.map(
        (gifter) =>
          `${gifter.name ?? 'Anonymous'}: ${count(gifter.subs)} subs in ${count(gifter.gifts)} ${gifter.gifts === 1 ? 'gift' : 'gifts'}`,
      ),
    ),
    section(
      'Raids',
      'raids',
      recap.raids.map((raid) => `${raid.from || raid.login}: ${count(raid.viewers)} viewers`),
    ),
    section(
      'Channel points',
      'redemptions',
      recap.redemptions.map((reward) => `${reward.reward}: ${count(reward.count)}×`),
    ),
    section(
      'Hype trains',
      'hype-trains',
      recap.hypeTrains.map(
        (train) => `Level ${count(train.level)}${train.ended ? '' : ' (went on after the stream)'}`,
      ),
    ),
    section('Goals reached', 'goals', recap.goalsReached.map(goalText)),
  ].filter((list) => list !== null);
  if (lists.length > 0) return lists;
  return [paragraph('muted', 'No subs, Bits, raids, redemptions or goals in this stream.')];
}

/**
 * @param {string} title
 * @param {string} kind  `data-kind` of the section, for styles and tests
 * @param {string[]} lines
 * @returns {HTMLElement | null}
 */
function section(title, kind, lines) {
  if (lines.length === 0) return null;
  const part = document.createElement('section');
  part.className = 'recap__list';
  part.dataset.kind = kind;
  const list = document.createElement('ul');
  list.append(...lines.map((line) => listItem(line)));
  part.append(heading(title, 'h4'), list);
  return part;
}

/** @param {string} text */
function listItem(text) {
  const item = document.createElement('li');
  item.textContent = text;
  return item;
}

/**
 * @param {string} text
 * @param {'h4' | 'h5'} level
 */
function heading(text, level = 'h4') {
  const element = document.createElement(level);
  element.textContent = text;
  return element;
}

/**
 * @param {string} className
 * @param {string} text
 */
function paragraph(className, text = '') {
  const element = document.createElement('p');
  element.className = className;
  element.textContent = text;
  return element;
}

/**
 * @param {string} text
 * @param {() => void} onClick
 */
function button(text, onClick) {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = text;
  element.addEventListener('click', onClick);
  return element;
}

/**
 * A link that saves a stream's events as a file.
 * @param {'csv' | 'json'} format
 * @param {string} text
 */
function download(format, text) {
  const link = document.createElement('a');
  link.className = 'recap__download';
  link.dataset.format = format;
  link.download = '';
  link.textContent = text;
  return link;
}
