/**
 * `npm run auth`: signs the service in to Twitch with the Device Code Flow, from a terminal.
 * Prints a URL and a code, waits for you to approve, stores the token in TOKEN_FILE (0600), checks
 * it, and tells a running service to pick it up.
 */
import 'reflect-metadata';
import { getTokenInfo, startDeviceCodeFlow } from '@twurple/auth';
import { loadConfig, type AppConfig } from '../../config/app-config.js';
import { ConfigError } from '../../config/config-error.js';
import { scopeOf } from '../../event-types/event-types.js';
import { eventsMissingScope, scopesFor } from '../../twitch/required-scopes.js';
import { FileTokenSource } from '../../twitch/file-token-source.js';
import { describeTwitchError } from '../../twitch/twitch-errors.js';
import { configuredMockPort, pointTwurpleAt } from '../../twitch/twitch-endpoint.js';
import { DeviceFlowEnded, pollDeviceCode } from '../device-code-poller.js';

async function main(): Promise<number> {
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const { twitchClientId, twitchBroadcaster, tokenFile } = config.values;
  const eventSubEvents = config.eventSubEvents;
  if (!twitchClientId) {
    console.error(
      'TWITCH_CLIENT_ID is not set. Register an application at https://dev.twitch.tv/console (category: any; client type: Public),\n' +
        'then put its client id in .env as TWITCH_CLIENT_ID=... and run `npm run auth` again.',
    );
    return 1;
  }
  pointTwurpleAt(configuredMockPort(config));
  const scopes = scopesFor(eventSubEvents);
  const info = await startDeviceCodeFlow(twitchClientId, scopes);
  console.log(`\nTo connect your channel, open ${info.verificationUri}`);
  console.log(`and enter the code:  ${info.userCode}\n`);
  console.log(
    `Waiting for you to approve (the code expires in ${Math.round(info.expiresIn / 60)} minutes)…`,
  );
  const token = await pollDeviceCode(twitchClientId, info, scopes);
  const tokenInfo = await getTokenInfo(token.accessToken, twitchClientId);
  await new FileTokenSource(config).save({ ...token, refreshToken: token.refreshToken ?? null });
  console.log(
    `\nSigned in as ${tokenInfo.userName ?? tokenInfo.userId}. Token stored in ${tokenFile} (owner-only).`,
  );

  const wanted = twitchBroadcaster.toLowerCase();
  if (wanted && wanted !== tokenInfo.userName?.toLowerCase() && wanted !== tokenInfo.userId) {
    console.warn(
      `Note: TWITCH_BROADCASTER is ${twitchBroadcaster}; EventSub needs that channel's own account. Sign in as ${twitchBroadcaster}, or change TWITCH_BROADCASTER.`,
    );
  }
  for (const type of eventsMissingScope(eventSubEvents, tokenInfo.scopes)) {
    console.warn(
      `Missing scope ${scopeOf(type)} for ${type}: run \`npm run auth\` again and approve every permission.`,
    );
  }
  await notifyRunningService(config);
  return 0;
}

/** Asks a running service (on this machine) to reload the token; fine if none runs. */
async function notifyRunningService(config: AppConfig): Promise<void> {
  const { port, adminToken } = config.values;
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/admin/twitch/reconnect`, {
      method: 'POST',
      headers: adminToken ? { authorization: `Bearer ${adminToken}` } : {},
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await response.json()) as {
      state?: string;
      broadcaster?: string;
      detail?: string;
    };
    if (response.ok && body.state === 'ok')
      console.log(`The running service is now connected as ${body.broadcaster}.`);
    else
      console.log(`The running service answered: ${body.detail ?? body.state ?? response.status}.`);
  } catch {
    console.log('The service is not running; `npm start` will use the new token.');
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      error instanceof DeviceFlowEnded
        ? error.message
        : `Sign-in failed: ${describeTwitchError(error)}`,
    );
    process.exit(1);
  },
);
