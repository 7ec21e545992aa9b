import { Logger, type INestApplication } from '@nestjs/common';
import cluster from 'node:cluster';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { createApp } from './app.factory.js';
import { loadConfig, type AppConfig } from './config/app-config.js';
import { ConfigError } from './config/config-error.js';
import {
  listenAddress,
  networkExposureWarning,
  type ListenAddress,
} from './config/listen-address.js';

/** Starts the service: configuration first (a bad value stops here with one line), then Nest. */
async function main(): Promise<void> {
  let config: AppConfig;
  let app: INestApplication;
  try {
    config = loadConfig(process.env);
    if (config.values.workers > 1 && cluster.isPrimary) {
      runWorkers(config);
      return;
    }
    app = await createApp(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const bound = (app.getHttpServer() as Server).address() as AddressInfo;
  const where = listenAddress(bound, networkInterfaces());
  const { url } = where;
  const logger = new Logger('twitch-realtime');
  // Before the banner, so the banner's URLs are the last thing on screen.
  const warning = networkExposureWarning(
    config.values.host,
    where,
    bound.port,
    config.values.adminToken,
  );
  if (warning) logger.warn(warning);
  if (config.demo) console.log(demoBanner(url, config, where));
  else logger.log(`Dashboard at ${url}/ — SSE stream at ${url}/api/twitch/stream${allOf(where)}`);
}

/** After the banner's URL, for a service on every interface: that it is one address of several. */
function allOf(where: ListenAddress): string {
  return where.allInterfaces
    ? ` (listening on all interfaces: one of this machine's addresses; here, ${localUrl(where)}/)`
    : '';
}

/** The same service as seen from this machine. */
function localUrl(where: ListenAddress): string {
  return `http://localhost:${new URL(where.url).port}`;
}

/**
 * WORKERS > 1: this process only starts that many instances of the service (node:cluster, one
 * port shared between them) and starts again any that dies; each is one instance on Redis.
 */
function runWorkers(config: AppConfig): void {
  const logger = new Logger('Workers');
  const base = config.values.instanceId || `${hostname()}-${process.pid}`;
  let stopping = false;
  const fork = (n: number) => {
    const worker = cluster.fork({ INSTANCE_ID: `${base}-w${n}` });
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      logger.warn(`Worker ${n} ended (${signal ?? `exit code ${code}`}); starting it again.`);
      setTimeout(() => fork(n), 1_000);
    });
  };
  for (let n = 1; n <= config.values.workers; n++) fork(n);
  logger.log(`Started ${config.values.workers} instances on port ${config.values.port}.`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    });
  }
}

/** The one clear notice that this is the demo, where to look, and how to go live. */
function demoBanner(url: string, config: AppConfig, where: ListenAddress): string {
  const lines = [
    'DEMO MODE — no Twitch credentials are configured, so the service runs against its built-in',
    `Twitch simulator (port ${config.values.simulatorPort}). Everything below is the real code path, with fake viewers.`,
    '',
    `  Dashboard      ${url}/`,
    `  Alert box      ${url}/widgets/alerts`,
    `  SSE stream     curl -N ${url}/api/twitch/stream`,
    `  Make events    npm run trigger -- channel.follow --user alice`,
    ...(where.allInterfaces
      ? [`  This machine   ${localUrl(where)}/ (listening on all interfaces)`]
      : []),
    '',
    'To go live: create an app at https://dev.twitch.tv/console, put TWITCH_CLIENT_ID=<its id> in .env,',
    'run `npm run auth` to sign in, then `npm start` again.',
  ];
  const width = Math.max(...lines.map((line) => line.length));
  const rule = `+${'-'.repeat(width + 2)}+`;
  return ['', rule, ...lines.map((line) => `| ${line.padEnd(width)} |`), rule, ''].join('\n');
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
