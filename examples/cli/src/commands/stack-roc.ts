import { PLANES } from '@mrnet/data';
import { rocCurve, type OperatingPoint } from '@mrnet/metrics';
import type { StackReport } from '@mrnet/stack';
import { rocChart, type LineChart, type RocPoint } from '@mrnet/viz';

/** Where an operating point lands on the validation ROC curve. */
function onCurve(p: OperatingPoint, label: string): RocPoint[] {
  const { sensitivity, specificity } = p.valid.metrics;
  return sensitivity === null || specificity === null ? [] : [{ fpr: 1 - specificity, tpr: sensitivity, label }];
}

/**
 * The validation ROC curves of the three plane models and the stack as a figure, each with its
 * operating points marked: the 0.5 threshold (circle) and the Youden threshold chosen on train
 * (diamond). Curves that coincide stay visible (drawn thinner and dashed over one another; see
 * `rocChart` of `@mrnet/viz`); a split too small to trust says so in the title.
 *
 * @example
 * ```ts
 * import { renderPng } from '@mrnet/viz/node';
 * writeFileSync('roc-valid.png', renderPng(stackRocFigure(report)));
 * ```
 */
export function stackRocFigure(s: StackReport): LineChart {
  const rows = s.predictions.splits.valid!.rows;
  const y = rows.map((r) => r.label);
  const scorers = [...PLANES.map((p) => [p, s.planes[p], rows.map((r) => r[p])] as const), ['stacked', s.stacked, s.model.predictMany(rows)] as const];
  const valid = s.stacked.reliability.valid;
  return rocChart({
    width: 640,
    height: 600,
    title:
      `${s.task.toUpperCase()}: validation ROC (${valid.positives} positive, ${valid.negatives} negative exams)` +
      (valid.reliable ? '' : ' — too few to trust'),
    curves: scorers.map(([name, e, scores]) => {
      const { fpr, tpr } = rocCurve(y, scores);
      return {
        name,
        fpr,
        tpr,
        auc: e.valid.auc,
        points: [
          ...onCurve(e.operatingPoints.fixed, 'threshold 0.5'),
          ...onCurve(e.operatingPoints.youden, 'Youden threshold (chosen on train)'),
        ],
      };
    }),
  });
}
