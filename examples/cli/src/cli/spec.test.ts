import type { Plane, Task } from '@mrnet/data';
import type { BackendName } from '@mrnet/model';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { predictCommand } from '../commands/predict.js';
import { trainCommand } from '../commands/train.js';
import { parseArgs } from './parse-args.js';
import { defineCommand, type FlagValues, type FlagValuesOf } from './spec.js';

type TrainFlags = FlagValuesOf<typeof trainCommand.flags>;

describe('flag types come from the flag specs', () => {
  it('types each flag by its spec: required/defaulted ones always set, enums as their values', () => {
    expectTypeOf<TrainFlags['data']>().toEqualTypeOf<string>();
    expectTypeOf<TrainFlags['task']>().toEqualTypeOf<Task>();
    expectTypeOf<TrainFlags['plane']>().toEqualTypeOf<Plane | 'all'>();
    expectTypeOf<TrainFlags['epochs']>().toEqualTypeOf<number>();
    expectTypeOf<TrainFlags['weight_decay']>().toEqualTypeOf<number>();
    expectTypeOf<TrainFlags['augment']>().toEqualTypeOf<boolean>();
    expectTypeOf<TrainFlags['backend']>().toEqualTypeOf<BackendName>();
    type PredictFlags = FlagValuesOf<typeof predictCommand.flags>;
    expectTypeOf<PredictFlags['id']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<PredictFlags['checkpoint']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<PredictFlags['json']>().toEqualTypeOf<boolean>();
    expectTypeOf<FlagValuesOf<readonly { name: string; type: 'int'; help: string }[]>>().toEqualTypeOf<FlagValues>();
  });

  it('gives a defineCommand run the parsed values under those types', async () => {
    let seen: unknown;
    const cmd = defineCommand({
      name: 'hello',
      summary: 'greets',
      flags: [
        { name: 'who', type: 'string', default: 'world', help: 'whom' },
        { name: 'times', type: 'int', min: 1, help: 'how often' },
      ],
      run: async (flags) => {
        expectTypeOf(flags.who).toEqualTypeOf<string>();
        expectTypeOf(flags.times).toEqualTypeOf<number | undefined>();
        seen = flags;
        return 0;
      },
    });
    expect(await cmd.run(parseArgs(cmd.flags, ['--times', '2']), { stdout: () => {}, stderr: () => {} })).toBe(0);
    expect(seen).toEqual({ who: 'world', times: 2 });
  });
});
