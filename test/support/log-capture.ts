/**
 * Records everything written to stdout and stderr (Nest's logger, Twurple's, console) while it is
 * on, still passing it through, so a test can check what the service logged.
 */
export class LogCapture {
  private text = '';
  private restore: (() => void) | undefined;

  /** Starts recording. */
  start(): this {
    const out = process.stdout.write.bind(process.stdout);
    const err = process.stderr.write.bind(process.stderr);
    const record =
      (write: typeof out) =>
      (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
        this.text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
        return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      };
    process.stdout.write = record(out) as typeof process.stdout.write;
    process.stderr.write = record(err) as typeof process.stderr.write;
    this.restore = () => {
      process.stdout.write = out;
      process.stderr.write = err;
    };
    return this;
  }

  /** Stops recording. */
  stop(): void {
    this.restore?.();
    this.restore = undefined;
  }

  /** Everything recorded so far. */
  get output(): string {
    return this.text;
  }
}
