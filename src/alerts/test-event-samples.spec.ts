import { DOCUMENTED_FIELDS } from '@twitch-realtime/twitch-simulator';
import { TWITCH_EVENT_TYPES } from '../contract/sse-contract.js';
import { TestEventSamples } from './test-event-samples.js';

describe('TestEventSamples', () => {
  it.each(TWITCH_EVENT_TYPES)('gives %s every field Twitch documents, and no other', (event) => {
    const sample = new TestEventSamples().create(event);
    // The fields Twitch documents, as the simulator's tests read them (written from the reference).
    expect(Object.keys(sample).sort()).toEqual(Object.keys(DOCUMENTED_FIELDS[event]).sort());
  });

  it('types the fields as Twitch does', () => {
    const samples = new TestEventSamples();
    const cheer = samples.create('channel.cheer');
    expect(typeof cheer.bits).toBe('number');
    expect(typeof cheer.is_anonymous).toBe('boolean');
    expect(samples.create('channel.subscribe').tier).toMatch(/^[123]000$/);
    const follow = samples.create('channel.follow');
    expect(new Date(follow.followed_at as string).toISOString()).toBe(follow.followed_at);
    expect(typeof samples.create('channel.raid').viewers).toBe('number');
  });

  it('takes the next sample viewer on each call, so test alerts are told apart', () => {
    const samples = new TestEventSamples();
    const names = [1, 2, 3].map(() => samples.create('channel.follow').user_name);
    expect(new Set(names).size).toBe(3);
  });

  it('puts the given fields over the sample', () => {
    const cheer = new TestEventSamples().create('channel.cheer', { bits: 5000, user_name: 'Big' });
    expect(cheer).toMatchObject({ bits: 5000, user_name: 'Big', is_anonymous: false });
  });
});
