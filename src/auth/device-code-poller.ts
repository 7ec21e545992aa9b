import { exchangeDeviceCode, type AccessToken, type DeviceCodeInfo } from '@twurple/auth';
import { twitchMessage } from '../twitch/twitch-errors.js';

/** Why a Device Code Flow ended without a token. */
export type DeviceFlowFailure = 'expired' | 'denied' | 'failed';

/** A Device Code Flow that ended without a token, with a sentence for the user. */
export class DeviceFlowEnded extends Error {
  constructor(
    readonly reason: DeviceFlowFailure,
    message: string,
  ) {
    super(message);
    this.name = 'DeviceFlowEnded';
  }
}

/** Knobs for tests: how to wait, and what to do while the user has not answered yet. */
export interface DeviceCodePollOptions {
  sleep?: (ms: number) => Promise<void>;
  /** Stops polling when it returns true (the flow was cancelled or replaced). */
  cancelled?: () => boolean;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls Twitch's token endpoint for a started Device Code Flow until the user approves it (the token),
 * denies it, or the code expires. Follows Twitch's rules: wait `interval` seconds between polls, and
 * five more each time Twitch says `slow_down`.
 */
export async function pollDeviceCode(
  clientId: string,
  info: DeviceCodeInfo,
  scopes: string[],
  options: DeviceCodePollOptions = {},
): Promise<AccessToken> {
  const sleep = options.sleep ?? defaultSleep;
  const deadline = Date.now() + info.expiresIn * 1000;
  let intervalMs = Math.max(1, info.interval) * 1000;
  for (;;) {
    await sleep(intervalMs);
    if (options.cancelled?.()) throw new DeviceFlowEnded('failed', 'The sign-in was cancelled.');
    try {
      return await exchangeDeviceCode(clientId, info.deviceCode, scopes);
    } catch (error) {
      const answer = twitchMessage((error as { body?: unknown }).body) ?? '';
      if (/authorization_pending/i.test(answer)) {
        if (Date.now() > deadline) throw expired();
        continue;
      }
      if (/slow_down/i.test(answer)) {
        intervalMs += 5000;
        continue;
      }
      if (/expired/i.test(answer)) throw expired();
      if (/denied/i.test(answer)) {
        throw new DeviceFlowEnded(
          'denied',
          'The sign-in was declined on Twitch. Start again and choose "Authorize".',
        );
      }
      const status = (error as { statusCode?: number }).statusCode;
      throw new DeviceFlowEnded(
        'failed',
        `Twitch did not accept the device code${status ? ` (HTTP ${status}${answer ? `: ${answer}` : ''})` : ''}. Start again.`,
      );
    }
  }
}

function expired(): DeviceFlowEnded {
  return new DeviceFlowEnded(
    'expired',
    'The code expired before it was entered. Start again to get a new code.',
  );
}
