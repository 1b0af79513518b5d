const EVENTS = ['uncaughtException', 'unhandledRejection'] as const;

/**
 * Runs `fn` and then removes every `uncaughtException` / `unhandledRejection` listener it added to
 * Node's `process`. tfjs-backend-wasm's Emscripten glue installs listeners that rethrow any such
 * error from inside its own file, so that a user's unhandled error (e.g. a failed pretrained
 * download) surfaced as a stack starting in `tf-backend-wasm.node.js`, and an unhandled rejection
 * anywhere in the program was turned into an exception thrown by the wasm engine. Node's own
 * handling (print the error, exit 1) is what users expect. No-op where there is no `process`.
 * @internal
 */
export async function keepProcessHandlers<T>(fn: () => Promise<T>): Promise<T> {
  // Typed by what is used: the main entry type-checks without Node's types (browser bundles).
  const proc = (globalThis as { process?: { listeners?: unknown } }).process;
  if (typeof proc?.listeners !== 'function') return fn();
  // Typed loosely: Node's overloads of listeners/removeListener are per event name.
  type Listener = (...args: never[]) => unknown;
  const emitter = proc as unknown as { listeners(e: string): Listener[]; removeListener(e: string, l: Listener): unknown };
  const before = new Map(EVENTS.map((e) => [e, new Set(emitter.listeners(e))]));
  try {
    return await fn();
  } finally {
    for (const e of EVENTS) {
      for (const l of emitter.listeners(e)) if (!before.get(e)!.has(l)) emitter.removeListener(e, l);
    }
  }
}
