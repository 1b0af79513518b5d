import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MetricsLog } from './metrics-log.js';
import { LogFileError } from '../errors.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mrnet-jsonl-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('MetricsLog', () => {
  it('writes one JSON object per line, readable before close', () => {
    const file = path.join(tmp, 'run', 'metrics.jsonl');
    const log = new MetricsLog(file);
    log.append({ epoch: 1, valAuc: 0.61, lr: 1e-5 });
    expect(fs.readFileSync(file, 'utf8')).toBe('{"epoch":1,"valAuc":0.61,"lr":0.00001}\n');
    log.append({ epoch: 2, valLoss: Number.NaN, tags: ['a'] });
    expect(MetricsLog.read(file)).toEqual([{ epoch: 1, valAuc: 0.61, lr: 1e-5 }, { epoch: 2, valLoss: null, tags: ['a'] }]);
    log.close();
    log.close();
    expect(() => log.append({ epoch: 3 })).toThrow(LogFileError);
  });

  it('appends on reopen (resume) unless truncate is set', () => {
    const file = path.join(tmp, 'resume.jsonl');
    const a = new MetricsLog(file);
    a.append({ epoch: 1 });
    a.close();
    const b = new MetricsLog(file, { fsync: false });
    b.append({ epoch: 2 });
    b.close();
    expect(MetricsLog.read(file).map((r) => r.epoch)).toEqual([1, 2]);
    new MetricsLog(file, { truncate: true }).close();
    expect(MetricsLog.read(file)).toEqual([]);
  });

  it('skips a partial last line and names a corrupt one', () => {
    const file = path.join(tmp, 'cut.jsonl');
    fs.writeFileSync(file, '{"epoch":1}\n{"epoch":2}\n{"epo');
    expect(MetricsLog.read(file)).toEqual([{ epoch: 1 }, { epoch: 2 }]);
    fs.writeFileSync(file, '{"epoch":1}\n[1]\n');
    expect(() => MetricsLog.read(file)).toThrow(/cut\.jsonl:2: not a JSON object/);
    fs.writeFileSync(file, '{"epoch":1}\n{oops\n');
    expect(() => MetricsLog.read(file)).toThrow(/cut\.jsonl:2: not JSON/);
  });

  it('rejects bad arguments', () => {
    const log = new MetricsLog(path.join(tmp, 'x.jsonl'));
    expect(() => log.append([1] as unknown as Record<string, unknown>)).toThrow(TypeError);
    log.close();
    expect(() => new MetricsLog(path.join(tmp, 'y.jsonl'), { fsync: 1 } as never)).toThrow(TypeError);
    expect(() => MetricsLog.read(path.join(tmp, 'missing.jsonl'))).toThrow(LogFileError);
  });
});
