// The SSE stream's end-to-end cases, one file of them per subject, run as one Jest file. Each case
// file starts the services it needs, as before; together they load the service's modules once,
// where each Jest file loads them afresh (~2 CPU-s, more than most of these cases cost: README,
// "Development"). One subject alone: `npm test -- test/stream -t '<its describe>'`.
import './sse-backpressure.cases.js';
import './sse-batched-writes.cases.js';
import './sse-catch-up.cases.js';
import './sse-deep-resume.cases.js';
import './sse-filtered-resume.cases.js';
import './sse-replay.cases.js';
import './sse-shutdown.cases.js';
import './sse-stalled-burst.cases.js';
import './sse-stream-limits.cases.js';
import './sse-stream.cases.js';
import './sse-wire-format.cases.js';
