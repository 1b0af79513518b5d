import { describe, expect, it } from 'vitest';
import { findCommand } from './find-command.js';
import type { CommandSpec } from './spec.js';

const cmd = (name: string): CommandSpec => ({ name, summary: name, flags: [], run: async () => 0 });
const COMMANDS = [cmd('train'), cmd('queue train'), cmd('queue status')];

describe('findCommand', () => {
  it('finds one- and two-word command names and leaves the rest for the flags', () => {
    expect(findCommand(COMMANDS, ['train', '--data', 'd'])).toEqual({ command: COMMANDS[0], rest: ['--data', 'd'] });
    expect(findCommand(COMMANDS, ['queue', 'train', '--redis', 'u'])).toEqual({ command: COMMANDS[1], rest: ['--redis', 'u'] });
    expect(findCommand(COMMANDS, ['queue', 'status'])).toEqual({ command: COMMANDS[2], rest: [] });
    expect(findCommand(COMMANDS, ['queue', 'frob'])).toBeUndefined();
    expect(findCommand(COMMANDS, ['queue'])).toBeUndefined();
    expect(findCommand(COMMANDS, [])).toBeUndefined();
  });
});
