import { expect, test } from 'vitest';
import { minMaxToUint8 } from './scale-uint8.js';

test('min-max over the whole volume, rounded; a constant volume is all zeros', () => {
  expect(minMaxToUint8(new Float32Array([-100, 0, 100, 50])).data).toEqual(new Uint8Array([0, 128, 255, 191]));
  expect(minMaxToUint8(new Float32Array([0, 255, 3, 7])).data).toEqual(new Uint8Array([0, 255, 3, 7]));
  expect(minMaxToUint8(new Float32Array([4, 4])).data).toEqual(new Uint8Array([0, 0]));
});
