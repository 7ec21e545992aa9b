import type { ServerResponse } from 'node:http';

/** Characters gathered before one write. */
const SLICE_CHARS = 64 * 1024;

/**
 * An answer written a slice at a time: text gathers until a slice is full, which is then written
 * with the event loop free before the next (or, when the client reads slowly, once its socket has
 * drained), so a long download never holds up live delivery nor piles up in memory.
 */
export class SlicedResponse {
  private slice = '';

  constructor(private readonly response: ServerResponse) {}

  /** Adds text to the current slice. */
  add(text: string): void {
    this.slice += text;
  }

  /** Whether the current slice is full: `flush()` it before adding more. */
  get full(): boolean {
    return this.slice.length >= SLICE_CHARS;
  }

  /** Writes the current slice; resolves false once the client has gone. */
  async flush(): Promise<boolean> {
    if (this.response.destroyed) return false;
    const flowing = this.response.write(this.slice);
    this.slice = '';
    await new Promise<void>((resolve) => {
      if (flowing) {
        setImmediate(resolve);
        return;
      }
      const done = () => {
        this.response.off('drain', done);
        this.response.off('close', done);
        resolve();
      };
      this.response.once('drain', done);
      this.response.once('close', done);
    });
    return !this.response.destroyed;
  }

  /** Writes what is left, and `text`, and ends the answer. */
  end(text = ''): void {
    if (!this.response.destroyed) this.response.end(this.slice + text);
    this.slice = '';
  }
}
