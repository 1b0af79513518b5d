export { classWeightsFromLabels } from './class-weights.js';
export { parseLabelCsv, type LabelRow } from './label-csv.js';
export { examFileName } from './layout.js';
