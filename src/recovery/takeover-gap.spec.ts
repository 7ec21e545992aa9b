import { gapAtTakeover } from './takeover-gap.js';

describe('gapAtTakeover: what a standby taking the lead recovers', () => {
  const at = (seconds: number) => 1_000_000 + seconds * 1000;

  it('nothing when its session was receiving before the old leader last said it was', () => {
    expect(gapAtTakeover({ receivingUntil: at(10), receiving: true }, at(5), false)).toBeNull();
    expect(gapAtTakeover({ receivingUntil: at(10), receiving: false }, at(10), false)).toBeNull();
    expect(gapAtTakeover({ receivingUntil: null }, at(5), false)).toBeNull();
  });

  it('nothing when the old leader, receiving at its last save, later logged what this session received', () => {
    expect(gapAtTakeover({ receivingUntil: at(10), receiving: true }, at(15), true)).toBeNull();
  });

  it('the time between, when the old leader may have died (or stopped) before its session began', () => {
    const gap = { start: new Date(at(10)), end: new Date(at(15)) };
    expect(gapAtTakeover({ receivingUntil: at(10), receiving: true }, at(15), false)).toEqual(gap);
    // Stopped receiving: whatever it logged later was not from Twitch live.
    expect(gapAtTakeover({ receivingUntil: at(10), receiving: false }, at(15), true)).toEqual(gap);
    // A state saved before there were standbys says nothing of it.
    expect(gapAtTakeover({ receivingUntil: at(10) }, at(15), true)).toEqual(gap);
  });
});
