import { describe, expect, it } from 'vitest';
import { parseArgs } from './parse-args.js';
import type { FlagSpec } from './spec.js';
import { UsageError } from './usage-error.js';

const SPECS: FlagSpec[] = [
  { name: 'data', type: 'string', required: true, placeholder: 'DIR', help: 'd' },
  { name: 'task', short: 't', type: 'enum', values: ['abnormal', 'acl', 'meniscus'], help: 't' },
  { name: 'epochs', type: 'int', default: 50, min: 1, help: 'e' },
  { name: 'lr', type: 'number', default: 1e-5, min: 0, help: 'l' },
  { name: 'json', type: 'boolean', default: false, help: 'j' },
];

function usage(argv: string[]): string {
  try {
    parseArgs(SPECS, argv);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('parseArgs', () => {
  it('parses long, short, inline and boolean flags and fills defaults', () => {
    expect(parseArgs(SPECS, ['--data', 'd', '-t', 'acl', '--lr=3e-4', '--json'])).toEqual({ data: 'd', task: 'acl', epochs: 50, lr: 3e-4, json: true });
    expect(parseArgs(SPECS, ['--data=x', '--json=0', '--epochs', '7'])).toEqual({ data: 'x', epochs: 7, lr: 1e-5, json: false });
  });

  it('names the flag in every error', () => {
    expect(usage(['--data', 'd', '--bogus', '1'])).toBe('--bogus: unknown flag');
    expect(usage(['--data', 'd', '-x', '1'])).toBe('-x: unknown flag');
    expect(usage(['--data'])).toBe('--data: missing value (DIR)');
    expect(usage(['--data', '--json'])).toBe('--data: missing value (DIR)');
    expect(usage(['--json'])).toBe('--data: required');
    expect(usage(['--data', 'd', '--epochs', 'ten'])).toBe('--epochs: expected an integer, got "ten"');
    expect(usage(['--data', 'd', '--epochs', '2.5'])).toBe('--epochs: expected an integer, got "2.5"');
    expect(usage(['--data', 'd', '--epochs', '0'])).toBe('--epochs: must be ≥ 1, got 0');
    expect(usage(['--data', 'd', '--lr', '1e-5x'])).toBe('--lr: expected a number, got "1e-5x"');
    expect(usage(['--data', 'd', '--lr', '-1'])).toBe('--lr: must be ≥ 0, got -1');
    expect(usage(['--data', 'd', '-t', 'knee'])).toBe('--task: expected one of abnormal, acl, meniscus, got "knee"');
    expect(usage(['--data', 'd', '--data', 'e'])).toBe('--data: given more than once');
    expect(usage(['--data', 'd', 'extra'])).toBe('unexpected argument "extra"');
    expect(usage(['--data', 'd', '--json=maybe'])).toBe('--json: expected true/false or 1/0, got "maybe"');
    expect(usage(['--data='])).toBe('--data: empty value');
  });
});

describe('parseArgs spellings', () => {
  const TRAIN: FlagSpec[] = [
    { name: 'weight_decay', type: 'number', default: 0.1, help: 'w' },
    { name: 'lr_scheduler', type: 'boolean', default: true, help: 's' },
    { name: 'augment', type: 'boolean', default: true, help: 'a' },
    { name: 'flush_history', type: 'boolean', default: false, help: 'f' },
    { name: 'epochs', type: 'int', default: 50, help: 'e' },
  ];
  const parse = (argv: string[]) => parseArgs(TRAIN, argv);
  const defaults = { weight_decay: 0.1, lr_scheduler: true, augment: true, flush_history: false, epochs: 50 };

  it("accepts the seed's spellings and the conventional ones alike", () => {
    expect(parse(['--weight_decay', '0.01'])).toEqual({ ...defaults, weight_decay: 0.01 });
    expect(parse(['--weight-decay', '0.01'])).toEqual({ ...defaults, weight_decay: 0.01 });
    expect(parse(['--weight-decay=0.02'])).toEqual({ ...defaults, weight_decay: 0.02 });
    expect(parse(['--augment', '0', '--lr_scheduler', '0', '--flush_history', '1'])).toEqual({ ...defaults, augment: false, lr_scheduler: false, flush_history: true });
    expect(parse(['--no-augment', '--no-lr-scheduler', '--flush-history'])).toEqual({ ...defaults, augment: false, lr_scheduler: false, flush_history: true });
    expect(parse(['--augment', '--lr-scheduler=1'])).toEqual(defaults);
  });

  it('rejects a flag given twice under either spelling, and says did-you-mean for a typo', () => {
    expect(() => parse(['--weight_decay', '1', '--weight-decay', '2'])).toThrow('--weight_decay: given more than once');
    expect(() => parse(['--augment', '1', '--no-augment'])).toThrow('--augment: given more than once');
    expect(() => parse(['--epoch', '3'])).toThrow(new UsageError('--epoch: unknown flag (did you mean --epochs?)'));
    expect(() => parse(['--weight_decy', '3'])).toThrow(new UsageError('--weight_decy: unknown flag (did you mean --weight-decay?)'));
    expect(() => parse(['--augment', 'yes'])).toThrow('--augment: expected true/false or 1/0, got "yes"');
  });
});
