import type { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { VizRangeError, VizTypeError } from '../errors.js';
import { inkIn, raster } from '../node/raster.test-support.js';
import { curvesFigure } from './curves-figure.js';
import { lineChart, type PlotArea } from './line-chart.js';

const RED: [number, number, number] = [220, 20, 60];
const BLUE: [number, number, number] = [30, 60, 200];

/** Pixels within `tol` of a colour (anti-aliased edges blend, the line's middle stays exact). */
function pixelsOf(png: PNG, rgb: readonly number[], tol = 8): [number, number][] {
  const out: [number, number][] = [];
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      if ([0, 1, 2].every((c) => Math.abs(png.data[i + c]! - rgb[c]!) <= tol)) out.push([x, y]);
    }
  }
  return out;
}
const inside = (a: PlotArea, [x, y]: [number, number]) => x >= a.x - 1 && x <= a.x + a.width + 1 && y >= a.y - 1 && y <= a.y + a.height + 1;

describe('lineChart', () => {
  const chart = lineChart({
    width: 320,
    height: 200,
    title: 'loss σ − é',
    xLabel: 'epoch',
    yLabel: 'loss',
    xRange: [0, 10],
    yRange: [0, 1],
    legend: false,
    series: [
      { name: 'train', points: [[0, 0.9], [5, 0.5], [10, 0.2]], colour: RED },
      { name: 'valid', points: [[0, 0.95], [5, 1.8], [10, 0.4]], colour: BLUE, dashed: true }, // 1.8 leaves the y range
    ],
  });
  const a = chart.plotArea;
  const png = raster(chart);

  it('is an SVG document with real text: Unicode escapes nothing, XML specials are escaped', () => {
    expect(chart.svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(chart.svg).toContain('>loss σ − é</text>');
    expect(lineChart({ title: 'a < b & c', series: [{ name: '"x"', points: [[0, 1]] }] }).svg).toContain('a &#60; b &#38; c');
    expect([png.width, png.height]).toEqual([320, 200]);
  });

  it('lays the plot area out inside the figure', () => {
    expect(a.x).toBeGreaterThan(0);
    expect(a.y).toBeGreaterThan(0);
    expect(a.x + a.width).toBeLessThanOrEqual(320);
    expect(a.y + a.height).toBeLessThanOrEqual(200);
    expect(a.width).toBeGreaterThan(150);
  });

  it('draws each series in its colour, only inside the plot area (clipped to yRange), the dashed one with gaps', () => {
    for (const rgb of [RED, BLUE]) {
      const px = pixelsOf(png, rgb);
      expect(px.length).toBeGreaterThan(30);
      expect(px.filter((p) => !inside(a, p))).toEqual([]);
    }
    // the marker of data point (5, 0.5) sits at the centre of the plot area
    const cx = Math.round(a.x + a.width / 2);
    const cy = Math.round(a.y + a.height / 2);
    expect(pixelsOf(png, RED).some(([x, y]) => Math.abs(x - cx) <= 1 && Math.abs(y - cy) <= 1)).toBe(true);
    expect(pixelsOf(png, BLUE).length).toBeLessThan(pixelsOf(png, RED).length);
  });

  it('frames the plot area in black and writes text outside it (title, tick labels, axis labels)', () => {
    for (let y = a.y + 3; y < a.y + a.height - 3; y += 7) expect(Math.min(png.data[(y * png.width + a.x - 1) * 4]!, png.data[(y * png.width + a.x) * 4]!)).toBeLessThan(160);
    expect(inkIn(png, 0, 0, png.width, a.y - 2)).toBeGreaterThan(20); // title
    expect(inkIn(png, 0, a.y + a.height + 4, png.width, 200)).toBeGreaterThan(20); // x ticks + label
    expect(inkIn(png, 0, a.y, a.x - 4, a.height)).toBeGreaterThan(20); // y ticks + label
  });

  it('puts the legend where the lines are not', () => {
    const rising = lineChart({ width: 400, height: 300, series: [{ name: 'auc', points: [[0, 0], [1, 1]] }, { name: 'auc2', points: [[0, 0.05], [1, 1]] }] });
    const m = /<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" rx="3"/.exec(rising.svg)!;
    const [x, y] = [Number(m[1]), Number(m[2])];
    const p = rising.plotArea;
    // a line from bottom-left to top-right leaves the upper-left or lower-right corner free
    const upperLeft = x < p.x + p.width / 2 && y < p.y + p.height / 2;
    const lowerRight = x > p.x + p.width / 2 && y > p.y + p.height / 2;
    expect(upperLeft || lowerRight).toBe(true);
  });

  it('prints negative tick labels with a real minus sign', () => {
    expect(lineChart({ series: [{ name: 'x', points: [[0, -1], [1, 1]] }] }).svg).toMatch(/>−0\.5<\/text>/);
  });

  it('rejects bad options with typed errors', () => {
    expect(() => lineChart({ series: [] })).toThrow(VizRangeError);
    expect(() => lineChart({ series: [{ name: 'a', points: [[0, Number.NaN]] }] })).toThrow(VizRangeError);
    expect(() => lineChart({ series: [{ name: 'a', points: [[0, 1]] }], yRange: [1, 0] })).toThrow(/min < max/);
    expect(() => lineChart({ series: 'x' } as never)).toThrow(VizTypeError);
    expect(() => lineChart({ width: 90, height: 60, title: 't', xLabel: 'x', yLabel: 'y', fontSize: 30, series: [{ name: 'a', points: [[0, 1]] }] })).toThrow(/no room/);
  });
});

describe('curvesFigure', () => {
  it('draws the loss and AUC panels side by side in one SVG, valid dashed', () => {
    const history = [
      { epoch: 1, trainLoss: 0.7, valLoss: 0.72, trainAuc: 0.55, valAuc: 0.5, lr: 1e-5 },
      { epoch: 2, trainLoss: 0.6, valLoss: 0.66, trainAuc: 0.7, valAuc: 0.6 },
    ];
    const fig = curvesFigure(history, { width: 600, height: 240, title: 'acl sagittal' });
    expect([fig.width, fig.height]).toEqual([600, 240]);
    expect(fig.svg).toContain('>acl sagittal: loss</text>');
    expect(fig.svg).toContain('>acl sagittal: AUC</text>');
    expect(fig.svg).toContain('<g transform="translate(300 0)">');
    expect(fig.svg.match(/stroke-dasharray/g)!.length).toBeGreaterThanOrEqual(4); // valid line + legend, both panels
    const png = raster(fig);
    expect(inkIn(png, 0, 0, 300, 240)).toBeGreaterThan(100);
    expect(inkIn(png, 300, 0, 300, 240)).toBeGreaterThan(100);
    expect(() => curvesFigure([])).toThrow(VizRangeError);
  });
});
