// The coordinator's side of the load generators: starts the processes (pinned to their own cores
// when the machine allows) and sends them commands.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('./load-generator.mjs', import.meta.url));

/** A set of load-generator processes, each with its own source address on loopback. */
export class LoadGenerators {
  #children = [];
  #pending = new Map();
  #nextId = 0;

  /** Starts `count` generators; `pin` is a taskset CPU list ("0") or null. */
  static async start(count, pin) {
    const generators = new LoadGenerators();
    for (let i = 0; i < count; i++) generators.#spawn(pin);
    return generators;
  }

  get size() {
    return this.#children.length;
  }

  /** The loopback address generator `index` connects from (each has its own port range). */
  localAddress(index) {
    return `127.0.0.${10 + index}`;
  }

  #spawn(pin) {
    const [command, args] = pin
      ? ['taskset', ['-c', pin, process.execPath, SCRIPT]]
      : [process.execPath, [SCRIPT]];
    const child = spawn(command, args, {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    child.on('message', ({ id, ok, result, error }) => {
      const waiting = this.#pending.get(id);
      if (!waiting) return;
      this.#pending.delete(id);
      if (ok) waiting.resolve(result);
      else waiting.reject(new Error(`load generator: ${error}`));
    });
    child.on('exit', (code, signal) => {
      for (const [id, waiting] of this.#pending) {
        if (waiting.child !== child) continue;
        this.#pending.delete(id);
        waiting.reject(new Error(`load generator exited (${code ?? signal})`));
      }
    });
    this.#children.push(child);
  }

  /** Sends `command` to generator `index`. */
  call(index, command, args) {
    const child = this.#children[index];
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, child });
      child.send({ id, command, args });
    });
  }

  /** Sends `command` to every generator; `argsFor(index)` gives each its arguments. */
  all(command, argsFor = () => ({})) {
    return Promise.all(this.#children.map((_, index) => this.call(index, command, argsFor(index))));
  }

  /** Splits `total` as evenly as possible over the generators. */
  share(total, index) {
    const base = Math.floor(total / this.size);
    return base + (index < total % this.size ? 1 : 0);
  }

  /** Ends every generator process. */
  async stop() {
    await Promise.all(
      this.#children.map(
        (child) =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', resolve);
            child.kill();
          }),
      ),
    );
    this.#children = [];
  }
}
