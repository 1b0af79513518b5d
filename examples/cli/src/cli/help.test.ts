import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.js';
import { formatCommandHelp, formatMainHelp, formatSynopsis } from './help.js';

const byName = (n: string) => COMMANDS.find((c) => c.name === n)!;

describe('help', () => {
  it('generates the contract synopses from the flag specs', () => {
    expect(formatSynopsis(byName('inspect'))).toBe('mrnet inspect --data DIR [--json]');
    expect(formatSynopsis(byName('synth'))).toBe('mrnet synth --out DIR [--train N] [--valid N] [--slices S] [--size PX] [--seed N]');
    expect(formatSynopsis(byName('demo'))).toBe('mrnet demo [--out DIR] [--backend auto|tensorflow-gpu|webgpu|tensorflow|wasm|cpu] [--seed N] [--train N] [--valid N] [--slices S] [--size PX] [--epochs E] [--lr LR] [--workers N]');
  });
  it('lists every flag with its default, and every command', () => {
    const help = formatCommandHelp(byName('synth'));
    for (const f of byName('synth').flags) expect(help).toContain(`--${f.name}`);
    expect(help).toMatch(/--size PX +slice height and width in pixels \(default: 128\)/);
    const main = formatMainHelp(COMMANDS);
    for (const c of COMMANDS) expect(main).toMatch(new RegExp(`^  ${c.name} +${c.summary.replace(/[()|.*+?[\]\\]/g, '\\$&')}$`, 'm'));
  });
  it("shows the conventional spelling of a flag and names the seed's", () => {
    const help = formatCommandHelp(byName('train'));
    expect(help).toMatch(/^ {2}--weight-decay WD +Adam weight decay .*\(also --weight_decay; default: 0\.1\)$/m);
    expect(help).toMatch(/^ {2}--augment, --no-augment +.*\(also --augment 0\|1; default: on\)$/m);
    expect(formatSynopsis(byName('train'))).toContain(' [--no-augment] [--no-lr-scheduler] [--epochs N] [--lr LR] [--weight-decay WD] ');
  });
});
