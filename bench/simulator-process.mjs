// The Twitch simulator on its own, as Twitch is to the service in production: another process,
// reached over loopback. Prints one JSON line (port, client id, a broadcaster token) once it
// listens; SIGTERM stops it.
//
// Usage: node bench/simulator-process.mjs   (needs the built packages/twitch-simulator/dist/)
import { TwitchSimulator } from '@twitch-realtime/twitch-simulator';

const simulator = new TwitchSimulator();
await simulator.start({ port: 0 });
const token = simulator.mintUserToken();
process.stdout.write(
  `${JSON.stringify({ port: simulator.port, clientId: simulator.clientId, token })}\n`,
);
process.on('SIGTERM', async () => {
  await simulator.stop();
  process.exit(0);
});
