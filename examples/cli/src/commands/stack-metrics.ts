import { PLANES } from '@mrnet/data';
import { RATE_NAMES, type OperatingPoint, type RateName, type ScorerEvaluation, type ThresholdMetrics } from '@mrnet/metrics';
import type { StackReport } from '@mrnet/stack';

/**
 * A rate with its 95% CI as `mrnet stack --json` prints it; `null` parts where undefined.
 *
 * @example
 * ```ts
 * const r: RateJson = { value: 0.8, ci95: [0.5, 1] };
 * ```
 */
export interface RateJson {
  value: number | null;
  ci95: [number, number] | null;
}

const RATE_LABELS: Record<RateName, string> = {
  sensitivity: 'sensitivity',
  specificity: 'specificity',
  accuracy: 'accuracy',
  ppv: 'PPV',
  npv: 'NPV',
};

const rates = (m: ThresholdMetrics) => Object.fromEntries(RATE_NAMES.map((k) => [k, m[k]])) as Record<RateName, number | null>;

/**
 * One operating point as `mrnet stack --json` prints it: the threshold and how it was chosen, the
 * rates on train, and on valid each rate with its bootstrap 95% CI, plus both confusion matrices.
 *
 * @example
 * ```ts
 * operatingPointJson(report.stacked.operatingPoints.youden).valid.sensitivity; // { value: 0.8, ci95: [0.5, 1] }
 * ```
 */
export function operatingPointJson(p: OperatingPoint) {
  const valid = Object.fromEntries(
    RATE_NAMES.map((k) => {
      const ci = p.valid.ci[k];
      return [k, { value: p.valid.metrics[k], ci95: ci ? [ci.lower, ci.upper] : null } satisfies RateJson];
    }),
  ) as Record<RateName, RateJson>;
  return {
    rule: p.rule,
    threshold: p.threshold,
    train: { ...rates(p.train), confusion: p.train.confusion },
    valid: { ...valid, confusion: p.valid.metrics.confusion },
  };
}

/**
 * One scorer's figures as `mrnet stack --json` prints them: train AUC, val AUC with its 95% CI,
 * and the operating points at 0.5 and at Youden's J threshold chosen on train.
 *
 * @example
 * ```ts
 * scorerJson(report.planes.sagittal).valCi95; // [0.71, 0.93]
 * ```
 */
export function scorerJson(s: ScorerEvaluation) {
  return {
    trainAuc: s.trainAuc,
    valAuc: s.valid.auc,
    valCi95: [s.valid.lower, s.valid.upper] as [number, number],
    operatingPoints: { fixed: operatingPointJson(s.operatingPoints.fixed), youden: operatingPointJson(s.operatingPoints.youden) },
  };
}

/**
 * Whether each split has enough positives and negatives for its AUC and CIs to be trusted, and the
 * warnings to print when not (all scorers share the labels, so one answer per split).
 *
 * @example
 * ```ts
 * for (const w of reliabilityJson(report).warnings) console.error(w);
 * ```
 */
export function reliabilityJson(r: StackReport) {
  const { train, valid } = r.stacked.reliability;
  return {
    reliable: train.reliable && valid.reliable,
    train: { positives: train.positives, negatives: train.negatives, reliable: train.reliable },
    valid: { positives: valid.positives, negatives: valid.negatives, reliable: valid.reliable },
    warnings: [train.warning, valid.warning].filter((w): w is string => w !== null),
  };
}

const f3 = (x: number | null): string => (x === null ? '–' : x.toFixed(3));
const withCi = (p: OperatingPoint, k: RateName): string => {
  const ci = p.valid.ci[k];
  return `${f3(p.valid.metrics[k])} ${ci ? `[${f3(ci.lower)}, ${f3(ci.upper)}]` : '[–, –]'}`;
};

/**
 * The operating-points table of `mrnet stack` (text): per plane and stacked, at 0.5 and at the
 * Youden threshold chosen on train, the valid sensitivity, specificity, PPV, NPV and accuracy with
 * bootstrap 95% CIs; then any reliability warning.
 *
 * @example
 * ```ts
 * io.stdout(formatOperatingPoints(report));
 * ```
 */
export function formatOperatingPoints(r: StackReport): string {
  const scorers = [...PLANES.map((p) => [p, r.planes[p]] as const), ['stacked', r.stacked] as const];
  const head =
    `${'model'.padEnd(10)} ${'rule'.padEnd(12)} ${'threshold'.padStart(9)}  ` +
    RATE_NAMES.map((k) => RATE_LABELS[k].padEnd(22)).join(' ').trimEnd();
  const rows = scorers.flatMap(([name, s]) =>
    (['fixed', 'youden'] as const).map((which) => {
      const p = s.operatingPoints[which];
      const rule = which === 'fixed' ? 'fixed' : 'Youden/train';
      return `${name.padEnd(10)} ${rule.padEnd(12)} ${p.threshold.toFixed(3).padStart(9)}  ` + RATE_NAMES.map((k) => withCi(p, k).padEnd(22)).join(' ').trimEnd();
    }),
  );
  const warnings = reliabilityJson(r).warnings.map((w) => `warning: ${w}\n`).join('');
  return (
    `operating points on valid (95% CI, bootstrap; the Youden threshold is chosen on train and applied to valid)\n` +
    `${head}\n${rows.join('\n')}\n${warnings}`
  );
}

/**
 * The same table as Markdown, for reports (the demo's `report.md`).
 *
 * @example
 * ```ts
 * md.push(...operatingPointsMarkdown(report));
 * ```
 */
export function operatingPointsMarkdown(r: StackReport): string[] {
  const scorers = [...PLANES.map((p) => [p, r.planes[p]] as const), ['stacked', r.stacked] as const];
  const rows = scorers.flatMap(([name, s]) =>
    (['fixed', 'youden'] as const).map((which) => {
      const p = s.operatingPoints[which];
      const c = p.valid.metrics.confusion;
      return `| ${name} | ${which === 'fixed' ? '0.5' : 'Youden (train)'} | ${p.threshold.toFixed(3)} | ${RATE_NAMES.map((k) => withCi(p, k)).join(' | ')} | ${c.tp}/${c.fn}/${c.fp}/${c.tn} |`;
    }),
  );
  const warnings = reliabilityJson(r).warnings.map((w) => `> **Warning:** ${w}.`);
  return [
    '## Operating points (validation)',
    '',
    'Sensitivity, specificity, PPV, NPV and accuracy on the validation exams with bootstrap 95% CIs, at the threshold 0.5 and at ' +
      "Youden's J threshold **chosen on the training predictions** and applied unchanged to validation.",
    '',
    `| model | rule | threshold | ${RATE_NAMES.map((k) => RATE_LABELS[k]).join(' | ')} | TP/FN/FP/TN |`,
    `| --- | --- | ---: | ${RATE_NAMES.map(() => '---').join(' | ')} | --- |`,
    ...rows,
    '',
    ...(warnings.length > 0 ? [...warnings, ''] : []),
  ];
}

/**
 * The operating points and reliability of every scorer of a stacking report as JSON (what
 * `mrnet stack --json` prints for them, and the demo's `results.json` under `metrics`).
 *
 * @example
 * ```ts
 * const m = stackMetricsJson(report);
 * console.log(m.stacked.operatingPoints.youden.valid.sensitivity, m.reliability.warnings);
 * ```
 */
export function stackMetricsJson(r: StackReport) {
  return {
    reliability: reliabilityJson(r),
    planes: Object.fromEntries(PLANES.map((p) => [p, scorerJson(r.planes[p])])) as Record<(typeof PLANES)[number], ReturnType<typeof scorerJson>>,
    stacked: scorerJson(r.stacked),
  };
}
