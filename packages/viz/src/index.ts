/**
 * `@mrnet/viz`: the figures of mrnet — training curves and ROC charts as SVG with real type
 * (DejaVu Sans, any Unicode), CAM heat-map overlays, colour bars and montages — in plain
 * TypedArray and string code: no TensorFlow.js, no Node modules, safe to bundle for a browser.
 * PNG rendering of the SVG figures (resvg) is Node-only and lives in `@mrnet/viz/node`.
 *
 * @packageDocumentation
 */
export { VizRangeError, VizTypeError } from './errors.js';
export { encodePng } from './png/encode-png.js';
export { NAMED_COLOURS, parseColour, type Colour, type Rgba } from './canvas/colour.js';
export { Canvas, type DrawImageOptions, type GreyImage, type LineOptions } from './canvas/canvas.js';
export { escapeXml, FONT_FAMILY, svgDocument, svgText, textWidth, type Figure, type TextOptions } from './svg/svg.js';
export { niceTicks } from './chart/ticks.js';
export { lineChart, TAB10, type LineChart, type LineChartOptions, type Marker, type PlotArea, type Series } from './chart/line-chart.js';
export { rocChart, type RocChartOptions, type RocPoint, type RocSeries } from './chart/roc-chart.js';
export { curvesFigure, type CurvesFigureOptions, type EpochRecord } from './chart/curves-figure.js';
export { COLORMAP_NAMES, colormap, colormapTable, type ColormapName } from './colour/colormap.js';
export { heatmapOverlay, type HeatmapOverlayOptions } from './heatmap/heatmap-overlay.js';
export { colourBar, type ColourBar, type ColourBarOptions } from './heatmap/colour-bar.js';
export { montage, montageCaptionHeight, type Montage, type MontageOptions, type RgbaImage } from './layout/montage.js';
