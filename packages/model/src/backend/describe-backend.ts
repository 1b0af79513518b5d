import type { BackendChoice } from './init-backend.js';

/**
 * The one line a command prints about the backend it computes on: the backend actually used, the
 * WebGPU adapter if any, and for `auto` why each backend before it was skipped.
 *
 * @example
 * ```ts
 * import { describeBackend, initBackend } from '@mrnet/model';
 * const choice = await initBackend('auto');
 * console.error(`mrnet predict: ${describeBackend(choice)}`);
 * // "backend wasm (auto; skipped tensorflow-gpu: not installed, webgpu: skipped: only a software adapter (llvmpipe…), …)"
 * ```
 */
export function describeBackend(choice: Pick<BackendChoice, 'name' | 'requested' | 'skipped' | 'adapter'>): string {
  const auto = choice.requested === 'auto';
  const a = choice.adapter;
  const gpu = a ? ` on ${[a.vendor, a.architecture, a.device || a.description].filter((s) => s !== '').join(' ')} (${a.software ? 'software' : 'hardware'} adapter)` : '';
  const why = choice.skipped.map((s) => `${s.backend}: ${s.why}`).join(', ');
  const tail = auto ? ` (auto${why ? `; skipped ${why}` : ''})` : '';
  return `backend ${choice.name}${gpu}${tail}`;
}
