/**
 * `@mrnet/viz/node`: what only Node can do with the figures of `@mrnet/viz` — render them to PNG
 * with resvg and the DejaVu Sans font shipped as an npm package. The main entry stays
 * browser-safe (SVG strings and RGBA/PNG bytes only).
 *
 * @packageDocumentation
 */
export { figureFontFiles, renderPng, type RenderPngOptions } from './render-png.js';
