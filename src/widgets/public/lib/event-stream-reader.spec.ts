import { readEventStream, type EventStreamFrame } from './event-stream-reader.js';

/** Reads `chunks` as one response body; returns the frames and how many chunks were seen. */
async function read(chunks: string[]): Promise<EventStreamFrame[]> {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  const frames: EventStreamFrame[] = [];
  await readEventStream(
    body,
    (frame) => frames.push(frame),
    () => {},
  );
  return frames;
}

const frame = (fields: Partial<EventStreamFrame>): EventStreamFrame => ({
  id: null,
  data: null,
  retry: null,
  comment: false,
  ...fields,
});

describe('readEventStream', () => {
  const wire =
    '\nid: 100\nretry: 3000\n\nid: 101\ndata: {"type":"stats"}\n\n: ping\n\ndata: a\ndata: b\nid: 102\n\n';
  const expected = [
    frame({ id: '100', retry: 3000 }),
    frame({ id: '101', data: '{"type":"stats"}' }),
    frame({ comment: true }),
    frame({ id: '102', data: 'a\nb' }),
  ];

  it('hands over every frame, also the id-only one and the heartbeat', async () => {
    await expect(read([wire])).resolves.toEqual(expected);
  });

  it('gives the same frames however the bytes are cut', async () => {
    for (let cut = 1; cut < wire.length; cut++) {
      await expect(read([wire.slice(0, cut), wire.slice(cut)])).resolves.toEqual(expected);
    }
  });

  it('takes \\r\\n and \\r line ends, also a \\r\\n cut in two', async () => {
    const crlf = wire.replaceAll('\n', '\r\n');
    for (let cut = 1; cut < crlf.length; cut++) {
      await expect(read([crlf.slice(0, cut), crlf.slice(cut)])).resolves.toEqual(expected);
    }
    await expect(read([wire.replaceAll('\n', '\r')])).resolves.toEqual(expected);
  });

  it('ignores a bad retry and an id with a NUL', async () => {
    await expect(read(['retry: soon\nid: 1\0\ndata: x\n\n'])).resolves.toEqual([
      frame({ data: 'x' }),
    ]);
  });
});
