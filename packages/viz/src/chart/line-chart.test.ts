import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { Canvas } from '../canvas/canvas.js';
import { VizRangeError, VizTypeError } from '../errors.js';
import { curvesFigure } from './curves-figure.js';
import { lineChart, type PlotArea } from './line-chart.js';

const RED: [number, number, number] = [220, 20, 60];
const BLUE: [number, number, number] = [30, 60, 200];

function pixelsOf(c: Canvas, rgb: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (let y = 0; y < c.height; y++) {
    for (let x = 0; x < c.width; x++) {
      const i = (y * c.width + x) * 4;
      if (c.data[i] === rgb[0] && c.data[i + 1] === rgb[1] && c.data[i + 2] === rgb[2]) out.push([x, y]);
    }
  }
  return out;
}
const inside = (a: PlotArea, [x, y]: [number, number]) => x >= a.x && x < a.x + a.width && y >= a.y && y < a.y + a.height;

describe('lineChart', () => {
  const chart = lineChart({
    width: 320,
    height: 200,
    title: 'loss',
    xLabel: 'epoch',
    yLabel: 'loss',
    xRange: [0, 10],
    yRange: [0, 1],
    series: [
      { name: 'train', points: [[0, 0.9], [5, 0.5], [10, 0.2]], colour: RED },
      { name: 'valid', points: [[0, 0.95], [5, 1.8], [10, 0.4]], colour: BLUE, dashed: true }, // 1.8 leaves the y range
    ],
  });
  const a = chart.plotArea;

  it('lays the plot area out inside the figure', () => {
    expect(a.x).toBeGreaterThan(0);
    expect(a.y).toBeGreaterThan(0);
    expect(a.x + a.width).toBeLessThanOrEqual(320);
    expect(a.y + a.height).toBeLessThanOrEqual(200);
    expect(a.width).toBeGreaterThan(150);
  });

  it('draws each series in its colour, only inside the plot area (clipped to yRange)', () => {
    for (const rgb of [RED, BLUE]) {
      const px = pixelsOf(chart, rgb);
      expect(px.length).toBeGreaterThan(50);
      expect(px.filter((p) => !inside(a, p))).toEqual([]);
    }
    // the marker of data point (5, 0.5) sits at the centre of the plot area
    const cx = Math.floor(a.x + a.width / 2);
    const cy = Math.floor(a.y + a.height / 2);
    expect(chart.getPixel(cx, cy).slice(0, 3)).toEqual(RED);
  });

  it('draws black axes along the left and bottom of the plot area, and black text outside it', () => {
    for (let y = a.y; y <= a.y + a.height; y += 7) expect(chart.getPixel(a.x - 1, y)).toEqual([0, 0, 0, 255]);
    for (let x = a.x; x < a.x + a.width; x += 7) expect(chart.getPixel(x, a.y + a.height)).toEqual([0, 0, 0, 255]);
    const black = pixelsOf(chart, [0, 0, 0]);
    expect(black.some(([, y]) => y < a.y)).toBe(true); // title
    expect(black.some(([x]) => x < a.x - 12)).toBe(true); // y tick labels / label
    expect(black.some(([, y]) => y > a.y + a.height + 6)).toBe(true); // x tick labels
  });

  it('encodes to a PNG that pngjs reads back', () => {
    const png = PNG.sync.read(Buffer.from(chart.toPng()));
    expect([png.width, png.height]).toEqual([320, 200]);
    expect(new Uint8Array(png.data)).toEqual(chart.data);
  });

  it('rejects bad options', () => {
    expect(() => lineChart({ series: [] })).toThrow(VizRangeError);
    expect(() => lineChart({ series: [{ name: 'a', points: [[0, Number.NaN]] }] })).toThrow(RangeError);
    expect(() => lineChart({ series: [{ name: 'a', points: [[0, 1]] }], yRange: [1, 0] })).toThrow(/min < max/);
    expect(() => lineChart({ series: [{ name: 'a', points: [[0, '1' as never]] }] })).toThrow(VizTypeError);
    expect(() => lineChart({ series: [{ name: 'a', points: [] }], colour: 'red' } as never)).toThrow(TypeError);
  });
});

describe('curvesFigure', () => {
  const history = Array.from({ length: 6 }, (_, i) => ({
    epoch: i + 1,
    trainLoss: 0.7 - 0.1 * i,
    valLoss: 0.75 - 0.08 * i,
    trainAuc: 0.5 + 0.08 * i,
    valAuc: 0.5 + 0.06 * i,
    lr: 1e-5,
  }));

  it('draws loss (left) and AUC (right) panels with train and valid series in both', () => {
    const fig = curvesFigure(history, { width: 600, height: 240 });
    expect([fig.width, fig.height]).toEqual([600, 240]);
    for (const hex of ['#0072b2', '#d55e00']) {
      const rgb = [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16));
      const px = pixelsOf(fig, rgb);
      expect(px.some(([x]) => x < 300)).toBe(true);
      expect(px.some(([x]) => x >= 300)).toBe(true);
    }
  });

  it('rejects an empty or malformed history', () => {
    expect(() => curvesFigure([])).toThrow(RangeError);
    expect(() => curvesFigure([{ ...history[0]!, valAuc: Number.NaN }])).toThrow(/0.valAuc/);
    expect(() => curvesFigure([{ epoch: 1 } as never])).toThrow(TypeError);
  });
});
