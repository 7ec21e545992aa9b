import type { CheermotesResponse } from '../../src/emotes/cheermotes-api.js';
import { eventually } from './eventually.js';

/**
 * Waits until the service has read the channel's cheermotes from Helix: the widgets read them
 * once when they load, so a page opened before would draw cheermotes as text.
 */
export async function untilCheermotesRead(service: { baseUrl: string }): Promise<void> {
  await eventually(async () => {
    const answer = (await (
      await fetch(`${service.baseUrl}/api/twitch/cheermotes`)
    ).json()) as CheermotesResponse;
    return answer.cheermotes.length > 0;
  }, 'the cheermotes read from Helix');
}
