import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs tool without type declarations
import { extractBlocks } from './check-examples.mjs';

describe('check-examples', () => {
  it('extracts the ```ts blocks of doc comments with the line each starts on, and nothing else', () => {
    const text = [
      '/**', // 1
      ' * Adds.', // 2
      ' *', // 3
      ' * @example', // 4
      ' * ```ts', // 5
      ' * add(1, 2); // 3', // 6
      ' * const x = add(3, 4);', // 7
      ' * ```', // 8
      ' * ```sh', // 9
      ' * mrnet --help', // 10
      ' * ```', // 11
      ' */', // 12
      'export function add(a: number, b: number): number { return a + b; }', // 13
      '// ```ts', // 14
      '// notInADocComment();', // 15
      '// ```', // 16
    ].join('\n');
    expect(extractBlocks(text)).toEqual([{ line: 6, code: 'add(1, 2); // 3\nconst x = add(3, 4);' }]);
  });
});
