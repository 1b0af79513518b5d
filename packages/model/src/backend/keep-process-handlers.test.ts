import { describe, expect, it } from 'vitest';
import { initBackend } from './init-backend.js';

describe('initBackend and process handlers', () => {
  it("leaves Node's uncaughtException / unhandledRejection handling as it was (no wasm-engine rethrow)", async () => {
    const before = { exception: process.listeners('uncaughtException'), rejection: process.listeners('unhandledRejection') };
    await initBackend('wasm');
    expect(process.listeners('uncaughtException')).toEqual(before.exception);
    expect(process.listeners('unhandledRejection')).toEqual(before.rejection);
  });
});
