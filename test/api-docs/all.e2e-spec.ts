// The API description's end-to-end cases (the docs page in the browser has its own file), one
// file of them per subject, run as one Jest file. Each case file starts the services it needs, as
// before; together they load the service's modules once, where each Jest file loads them afresh
// (~2 CPU-s, more than most of these cases cost: README, "Development").
// One subject alone: `npm test -- test/api-docs -t '<its describe>'`.
import './openapi.cases.js';
import './postman-collection.cases.js';
