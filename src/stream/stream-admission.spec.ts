import { RESERVED_DESCRIPTORS, streamLimits } from './stream-admission.js';

describe('streamLimits', () => {
  it('keeps the total below the open-file limit by default, for Twitch, the log and health', () => {
    const limits = streamLimits(
      { maxStreams: null, maxStreamsPerAddress: 200 },
      { files: 1024, source: 'proc' },
    );
    expect(limits).toEqual({
      total: 1024 - RESERVED_DESCRIPTORS,
      perAddress: 200,
      totalSource: `SSE_MAX_STREAMS=auto: open-file limit 1024 less ${RESERVED_DESCRIPTORS} kept for Twitch, the event log and health`,
    });
  });

  it('says when the file limit was assumed, and never goes below a few streams', () => {
    const assumed = streamLimits(
      { maxStreams: null, maxStreamsPerAddress: 5 },
      { files: 1024, source: 'fallback' },
    );
    expect(assumed.totalSource).toMatch(/open-file limit unknown, 1024 assumed/);
    const tiny = streamLimits(
      { maxStreams: null, maxStreamsPerAddress: 5 },
      { files: 64, source: 'proc' },
    );
    expect(tiny.total).toBe(16);
  });

  it('takes SSE_MAX_STREAMS as given', () => {
    expect(
      streamLimits({ maxStreams: 50, maxStreamsPerAddress: 5 }, { files: 1024, source: 'proc' }),
    ).toEqual({ total: 50, perAddress: 5, totalSource: 'SSE_MAX_STREAMS' });
  });
});
