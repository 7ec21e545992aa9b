// Gap recovery's end-to-end cases, one file of them per subject, run as one Jest file. Each case
// file starts the services it needs, as before; together they load the service's modules once,
// where each Jest file loads them afresh (~2 CPU-s, more than most of these cases cost: README,
// "Development"). One subject alone: `npm test -- test/recovery -t '<its describe>'`.
import './chat-gap.cases.js';
import './downtime-recovery.cases.js';
import './gap-recovery.cases.js';
