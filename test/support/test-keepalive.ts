/**
 * `keepalive_timeout_seconds` of the tests' simulators. Twurple closes a session that hears nothing
 * for 1.2 × this, and the simulator waits this long before it sends a keepalive: with 5 s the margin
 * was one second, and a service or simulator starved of the CPU for a second (two test files at
 * once on two cores, each with Chromium or built instances) lost its session, reconnected and
 * reported the next event as recovered. It is also the window to subscribe in after the welcome.
 * No test waits for a keepalive or for its absence, so a long timeout costs no test time.
 */
export const TEST_KEEPALIVE_SECONDS = 30;
