// The EventSub end-to-end cases (through Twurple, against the simulator), one file of them per
// subject, run as one Jest file. Each case file starts the services it needs, as before; together
// they load the service's modules once, where each Jest file loads them afresh (~2 CPU-s, more
// than most of these cases cost: README, "Development"). One subject alone:
// `npm test -- test/eventsub -t '<its describe>'`.
import './chat-events.cases.js';
import './engagement-events.cases.js';
import './eventsub-duplicates.cases.js';
import './eventsub-revoked.cases.js';
import './eventsub-scopes.cases.js';
import './eventsub.cases.js';
import './resubs-and-bits.cases.js';
import './session-reconnect-by-type.cases.js';
