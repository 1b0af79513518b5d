import { describe, expect, it } from 'vitest';
import { inkIn, raster } from '../node/raster.test-support.js';
import { rocChart } from './roc-chart.js';

const curve = { fpr: [0, 0, 0.5, 1], tpr: [0, 0.5, 1, 1] };

describe('rocChart', () => {
  const fig = rocChart({
    title: 'validation ROC',
    curves: [
      { name: 'axial', ...curve, auc: 0.875, colour: '#1f77b4', points: [{ fpr: 0.5, tpr: 1, label: 'threshold 0.5' }, { fpr: 0, tpr: 0.5, label: 'Youden threshold (train)' }] },
      { name: 'stacked', ...curve, auc: 0.875, colour: '#d62728', points: [{ fpr: 0.5, tpr: 1, label: 'threshold 0.5' }] },
    ],
  });

  it('labels axes and legend as scikit-learn does, with the AUC of each curve', () => {
    expect(fig.svg).toContain('>axial (AUC = 0.875)</text>');
    expect(fig.svg).toContain('>False positive rate (1 − specificity)</text>');
    expect(fig.svg).toContain('>chance (AUC = 0.5)</text>');
    expect(fig.plotArea.width).toBe(fig.plotArea.height); // equal axes
  });

  it('keeps coinciding curves visible: later curves are thinner and dashed over the first, solid one', () => {
    const paths = [...fig.svg.matchAll(/<path d="M[^"]*" stroke="(#1f77b4|#d62728)" stroke-width="([\d.]+)"( stroke-dasharray="[^"]+")?\/>/g)];
    const axial = paths.find((m) => m[1] === '#1f77b4')!;
    const stacked = paths.find((m) => m[1] === '#d62728')!;
    expect(Number(axial[2])).toBeGreaterThan(Number(stacked[2]));
    expect(axial[3]).toBeUndefined();
    expect(stacked[3]).toBeDefined();
    expect(fig.svg.indexOf('stroke="#1f77b4" stroke-width')).toBeLessThan(fig.svg.indexOf('stroke="#d62728" stroke-width'));
    // both colours show in the rendered figure
    const png = raster(fig);
    const count = (rgb: number[]) => {
      let n = 0;
      for (let i = 0; i < png.data.length; i += 4) if (rgb.every((v, c) => Math.abs(png.data[i + c]! - v) <= 10)) n++;
      return n;
    };
    expect(count([0x1f, 0x77, 0xb4])).toBeGreaterThan(100);
    expect(count([0xd6, 0x27, 0x28])).toBeGreaterThan(100);
  });

  it('marks the operating points, one shape per kind, with legend entries', () => {
    expect(fig.svg.match(/<circle [^>]*stroke="#(1f77b4|d62728)"/g)!.length).toBe(2); // threshold 0.5 on both curves
    expect(fig.svg).toMatch(/<path d="M[^"]*Z" stroke="#1f77b4"/); // Youden: a diamond
    expect(fig.svg).toContain('>threshold 0.5</text>');
    expect(fig.svg).toContain('>Youden threshold (train)</text>');
    expect(inkIn(raster(fig), 0, 0, fig.width, fig.height)).toBeGreaterThan(500);
  });

  it('rejects rates outside [0, 1] and mismatched lengths', () => {
    expect(() => rocChart({ curves: [{ name: 'x', fpr: [0, 1.5], tpr: [0, 1] }] })).toThrow(RangeError);
    expect(() => rocChart({ curves: [{ name: 'x', fpr: [0, 0.5, 1], tpr: [0, 1] }] })).toThrow(/3 fpr but 2 tpr/);
  });
});
