import { Injectable } from '@nestjs/common';
import type { TwitchEventType } from '../contract/sse-contract.js';
import { describeType } from '../event-types/event-types.js';
import { sampleContext } from '../event-types/sample-context.js';
import type { TwitchEventData } from './alerts-api.js';

/** Viewers the samples take turns with, so a run of test alerts is easy to tell apart. */
const VIEWERS = [
  { id: '5001', login: 'pixelpanda', name: 'PixelPanda' },
  { id: '5002', login: 'nightowl_42', name: 'NightOwl_42' },
  { id: '5003', login: 'sunnyraccoon', name: 'SunnyRaccoon' },
  { id: '5004', login: 'quietcomet', name: 'QuietComet' },
  { id: '5005', login: 'mossyknight', name: 'MossyKnight' },
];

/**
 * Event objects for the dashboard's test buttons, shaped as Twitch's EventSub sends them: every
 * field Twitch documents for the type, snake_case (each type's descriptor has its sample). Each
 * call takes the next sample viewer.
 */
@Injectable()
export class TestEventSamples {
  private count = 0;

  /** A sample event object for `event`, with `overrides` put over its fields. */
  create(event: TwitchEventType, overrides: TwitchEventData = {}): TwitchEventData {
    const viewer = VIEWERS[this.count++ % VIEWERS.length] as (typeof VIEWERS)[number];
    const context = sampleContext(viewer, new Date().toISOString());
    return { ...describeType(event).sample(context), ...overrides };
  }
}
