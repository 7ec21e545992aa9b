// The alert and event-list routes' end-to-end cases, one file of them per subject, run as one Jest
// file. Each case file starts the services it needs, as before; together they load the service's
// modules once, where each Jest file loads them afresh (~2 CPU-s, more than most of these cases
// cost: README, "Development"). One subject alone: `npm test -- test/alerts -t '<its describe>'`.
import './alert-routes.cases.js';
import './event-history.cases.js';
import './event-list-answers.cases.js';
