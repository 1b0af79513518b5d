/**
 * `@mrnet/viz`: PNG encoding and small raster figures — loss/AUC curves, CAM heat-map overlays,
 * colour bars and montages — in plain TypedArray code (no TensorFlow.js, no native modules).
 *
 * @packageDocumentation
 */
export { VizRangeError, VizTypeError } from './errors.js';
export { encodePng } from './png/encode-png.js';
export { NAMED_COLOURS, parseColour, type Colour, type Rgba } from './canvas/colour.js';
export { Canvas, type DrawImageOptions, type GreyImage, type LineOptions } from './canvas/canvas.js';
export { niceTicks } from './chart/ticks.js';
export { lineChart, type LineChartOptions, type PlotArea, type Series } from './chart/line-chart.js';
export { curvesFigure, type CurvesFigureOptions, type EpochRecord } from './chart/curves-figure.js';
export { COLORMAP_NAMES, colormap, colormapTable, type ColormapName } from './colour/colormap.js';
export { heatmapOverlay, type HeatmapOverlayOptions } from './heatmap/heatmap-overlay.js';
export { colourBar, type ColourBarOptions } from './heatmap/colour-bar.js';
export { montage, type MontageOptions, type RgbaImage } from './layout/montage.js';
