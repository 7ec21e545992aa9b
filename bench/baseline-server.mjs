// The baseline: the least a Node.js SSE fan-out server can do. Plain node:http, a Set of open
// responses, and one pre-serialised frame (a Buffer made once per event, already framed as an
// HTTP/1.1 chunk) written to every socket: one write of shared bytes per client, the cheapest this
// runtime offers (`response.write()` would frame the chunk again per client). No framework, no
// filters, no stall bound: what the service is compared against. Its replay is as raw: the last
// frames are kept, and a client that resumes with Last-Event-ID gets the ones it missed as one
// Buffer made once per resume point and written at once, however long (no pacing).
//
//   GET  /stream   the event stream (retry hint, then what the client missed, then every event)
//   POST /trigger  body: the message JSON → framed once as `id: <n>\ndata: <json>\n\n`, sent to all
//   GET  /health   {"clients": n, "lastId": n, "oldestId": n}
//
// Usage: node bench/baseline-server.mjs <port> [<frames kept for replay, default 500>]
import http from 'node:http';
import { answerLagRequests } from './loop-lag.mjs';

const port = Number(process.argv[2] ?? 3100);
const HEADERS = {
  'Content-Type': 'text/event-stream',
  'Cache-Control': 'no-cache',
  Connection: 'keep-alive',
  'Access-Control-Allow-Origin': '*',
};

/** SSE text as one HTTP/1.1 chunk (`<length in hex>\r\n<text>\r\n`). */
function chunk(text) {
  return Buffer.from(`${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`);
}

const PING = chunk(': ping\n\n');

const REPLAY_FRAMES = Number(process.argv[3] ?? 500);

const clients = new Set();
let lastId = 0;
/** The newest frames as chunks, oldest first: `{ id, chunk }`. */
const kept = [];
/** The replay from one id to another as one Buffer, made once for every client resuming there. */
const replays = new Map();

function replayAfter(after) {
  const key = `${after}:${lastId}`;
  let replay = replays.get(key);
  if (!replay) {
    replay = Buffer.concat(kept.filter((entry) => entry.id > after).map((entry) => entry.chunk));
    replays.set(key, replay);
  }
  return replay;
}

function readBody(request) {
  return new Promise((resolve) => {
    const chunks = [];
    request.on('data', (piece) => chunks.push(piece));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

const server = http.createServer(async (request, response) => {
  if (request.method === 'GET' && request.url.startsWith('/stream')) {
    request.socket.setNoDelay(true);
    response.writeHead(200, HEADERS);
    const after = Number(request.headers['last-event-id'] ?? NaN);
    if (Number.isSafeInteger(after)) {
      response.write(`\nid: ${after}\nretry: 3000\n\n`);
      response.socket.write(replayAfter(after));
    } else {
      response.write(`\nid: ${lastId}\nretry: 3000\n\n`);
    }
    clients.add(response);
    response.on('close', () => clients.delete(response));
    return;
  }
  if (request.method === 'POST' && request.url === '/trigger') {
    const json = await readBody(request);
    const frame = chunk(`id: ${++lastId}\ndata: ${json}\n\n`);
    kept.push({ id: lastId, chunk: frame });
    if (kept.length > REPLAY_FRAMES) kept.shift();
    replays.clear();
    for (const client of clients) client.socket.write(frame);
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(`{"delivered":${clients.size}}`);
    return;
  }
  if (request.method === 'GET' && request.url === '/health') {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ clients: clients.size, lastId, oldestId: kept[0]?.id ?? null }));
    return;
  }
  response.writeHead(404).end();
});

setInterval(() => {
  for (const client of clients) client.socket.write(PING);
}, 15_000).unref();

answerLagRequests();
process.channel?.unref();
server.listen({ port, host: '127.0.0.1', backlog: 511 }, () => process.send?.('ready'));
process.on('SIGTERM', () => {
  for (const client of clients) client.destroy();
  server.close(() => process.exit(0));
});
