import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { parseOptions } from '@mrnet/options';
import { checkEnvelope, StateFormatError } from '@mrnet/options';

/**
 * Options of {@link Adam}; defaults are PyTorch's.
 *
 * @example
 * ```ts
 * import { Adam, type AdamOptions } from '@mrnet/train';
 * const options: AdamOptions = { lr: 1e-5, weightDecay: 0.1 }; // the seed's
 * const adam = new Adam(net.variables, options);
 * ```
 */
export interface AdamOptions {
  /** Learning rate. Default 1e-3 (the seed uses 1e-5). Settable later through `adam.lr`. */
  lr?: number;
  /** Coefficients of the running averages of the gradient and its square. Default [0.9, 0.999]. */
  betas?: [number, number];
  /** Added to the denominator after the square root. Default 1e-8. */
  eps?: number;
  /** L2 penalty added to the gradient (`g + weightDecay·p`, coupled, not AdamW). Default 0. */
  weightDecay?: number;
}

/**
 * Gradients for {@link Adam.step}: by variable name, or an array aligned with the variables.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { Adam, type Gradients } from '@mrnet/train';
 * const w = tf.variable(tf.tensor1d([1, 2]), true, 'w');
 * const adam = new Adam([w], { lr: 0.1 });
 * const grads: Gradients = { w: tf.tensor1d([0.5, -0.5]) }; // by variable name, or an array in variable order
 * adam.step(grads);
 * ```
 */
export type Gradients =
  | tf.NamedTensorMap
  | ReadonlyMap<string, tf.Tensor>
  | ReadonlyArray<tf.Tensor | null | undefined>;

/**
 * The JSON form of an {@link Adam}'s state (`toJSON()` / `fromJSON()`).
 *
 * @example
 * ```ts
 * import { Adam, type AdamState } from '@mrnet/train';
 * const state: AdamState = adam.toJSON();
 * const restored = Adam.fromJSON(JSON.parse(JSON.stringify(state)), net.variables);
 * ```
 */
export interface AdamState {
  format: 'mrnet-adam';
  version: 1;
  lr: number;
  betas: [number, number];
  eps: number;
  weightDecay: number;
  /** Per-variable state, only for variables that have been stepped (as PyTorch's lazy state). */
  params: Array<{ name: string; shape: number[]; step: number; expAvg: number[]; expAvgSq: number[] }>;
}

const nonNegative = z.number().finite().nonnegative();
const beta = z.number().min(0).lt(1);
const optionsSchema = z.strictObject({
  lr: nonNegative.default(1e-3),
  betas: z.tuple([beta, beta]).default([0.9, 0.999]),
  eps: nonNegative.default(1e-8),
  weightDecay: nonNegative.default(0),
});

interface ParamState { step: number; expAvg: tf.Variable; expAvgSq: tf.Variable }

/**
 * Adam with PyTorch 1.13 semantics (`torch.optim.Adam`, single-tensor path) over `tf.Variable`s.
 * Per step, for each variable p with gradient g:
 * `g += wd·p` (coupled L2); `m = β1·m + (1−β1)·g`; `v = β2·v + (1−β2)·g²`;
 * `denom = sqrt(v) / sqrt(1−β2ᵗ) + eps`; `p += (−lr / (1−β1ᵗ)) · m / denom`.
 * The bias corrections and step size are computed in double precision, as PyTorch's Python floats.
 * State (m, v, step) is created lazily the first time a variable gets a gradient; a variable given
 * no gradient in a step is left alone (PyTorch's `grad is None`). Holds tensors: call `dispose()`.
 * Checked against PyTorch trajectories (`scripts/fixtures/make_train_fixtures.py`). Computing the
 * gradients with `tf.variableGrads` needs tfjs's gradients registered (`@mrnet/model`'s
 * `initBackend` / `registerGradients` do that).
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { Adam } from '@mrnet/train';
 * const w = tf.variable(tf.tensor1d([1, -2]), true, 'w');
 * const adam = new Adam([w], { lr: 1e-5, weightDecay: 0.1 });
 * const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(w)) as tf.Scalar);
 * adam.step(grads);                 // grads keyed by variable name
 * tf.dispose([value, ...Object.values(grads)]);
 * const saved = JSON.stringify(adam); // resume later with Adam.fromJSON(JSON.parse(saved), [w])
 * adam.dispose();
 * ```
 */
export class Adam {
  /** Format name written by `toJSON()` and checked by `fromJSON()`. */
  static readonly FORMAT = 'mrnet-adam';
  /** Format version written by `toJSON()` and checked by `fromJSON()`. */
  static readonly VERSION = 1;

  readonly betas: readonly [number, number];
  readonly eps: number;
  readonly weightDecay: number;
  private readonly variables: readonly tf.Variable[];
  private readonly byName = new Map<string, number>();
  private readonly state = new Map<string, ParamState>();
  private lrValue: number;
  private disposed = false;

  /**
   * @param variables - the parameters to optimise (float32, unique names)
   * @param options - see {@link AdamOptions}
   */
  constructor(variables: readonly tf.Variable[], options: AdamOptions = {}) {
    const o = parseOptions('Adam', optionsSchema, options);
    if (!Array.isArray(variables)) throw new TypeError('Adam: variables must be an array of tf.Variable');
    variables.forEach((v, i) => {
      if (!(v instanceof tf.Variable)) throw new TypeError(`Adam: variables[${i}] is not a tf.Variable`);
      if (v.dtype !== 'float32') throw new TypeError(`Adam: variable '${v.name}' has dtype ${v.dtype}, expected float32`);
      if (this.byName.has(v.name)) throw new RangeError(`Adam: two variables are named '${v.name}'`);
      this.byName.set(v.name, i);
    });
    this.variables = [...variables];
    this.lrValue = o.lr;
    this.betas = [o.betas[0], o.betas[1]];
    this.eps = o.eps;
    this.weightDecay = o.weightDecay;
  }

  /** The learning rate used by the next `step()`; settable (e.g. by `ReduceLROnPlateau`). */
  get lr(): number {
    return this.lrValue;
  }

  /** Sets the learning rate used from the next `step()` on (positive and finite). */
  set lr(value: number) {
    if (typeof value !== 'number') throw new TypeError(`Adam: lr must be a number (got ${typeof value})`);
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`Adam: lr must be finite and ≥ 0 (got ${value})`);
    this.lrValue = value;
  }

  /** Number of steps taken by the variable `name` (0 before its first gradient). */
  stepCount(name: string): number {
    return this.state.get(name)?.step ?? 0;
  }

  /**
   * Applies one update from `grads`: by variable name (as `tf.variableGrads` returns them), as a
   * `Map`, or as an array aligned with the constructor's variables. Missing/null entries are
   * skipped. Does not dispose the gradients. Creates no lasting tensors beyond the state.
   */
  step(grads: Gradients): void {
    if (this.disposed) throw new Error('Adam: step() after dispose()');
    const pairs = this.resolve(grads);
    const [beta1, beta2] = this.betas;
    for (const [variable, grad] of pairs) {
      let st = this.state.get(variable.name);
      if (st === undefined) {
        st = {
          step: 0,
          expAvg: tf.variable(tf.zeros(variable.shape), false),
          expAvgSq: tf.variable(tf.zeros(variable.shape), false),
        };
        this.state.set(variable.name, st);
      }
      st.step += 1;
      const biasCorrection1 = 1 - beta1 ** st.step;
      const biasCorrection2 = 1 - beta2 ** st.step;
      const stepSize = this.lrValue / biasCorrection1;
      const biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
      const { expAvg, expAvgSq } = st;
      tf.tidy(() => {
        const g0 = grad.dtype === 'float32' ? grad : tf.cast(grad, 'float32');
        const g = this.weightDecay !== 0 ? tf.add(g0, tf.mul(variable, this.weightDecay)) : g0;
        const m = tf.add(tf.mul(expAvg, beta1), tf.mul(g, 1 - beta1));
        const v = tf.add(tf.mul(expAvgSq, beta2), tf.mul(tf.mul(g, g), 1 - beta2));
        const denom = tf.add(tf.div(tf.sqrt(v), biasCorrection2Sqrt), this.eps);
        const p = tf.add(variable, tf.div(tf.mul(m, -stepSize), denom));
        expAvg.assign(m);
        expAvgSq.assign(v);
        variable.assign(p);
      });
    }
  }

  private resolve(grads: Gradients): Array<[tf.Variable, tf.Tensor]> {
    const out: Array<[tf.Variable, tf.Tensor]> = [];
    const add = (key: string, variable: tf.Variable | undefined, g: tf.Tensor | null | undefined): void => {
      if (variable === undefined) {
        throw new RangeError(`Adam.step: gradient '${key}' matches no variable (have ${[...this.byName.keys()].join(', ')})`);
      }
      if (g === null || g === undefined) return;
      if (!(g instanceof tf.Tensor)) throw new TypeError(`Adam.step: gradient '${key}' is not a tf.Tensor`);
      if (!tf.util.arraysEqual(g.shape, variable.shape)) {
        throw new RangeError(`Adam.step: gradient '${key}' has shape [${g.shape.join(', ')}] but the variable has [${variable.shape.join(', ')}]`);
      }
      out.push([variable, g]);
    };
    if (Array.isArray(grads)) {
      if (grads.length !== this.variables.length) {
        throw new RangeError(`Adam.step: ${grads.length} gradients for ${this.variables.length} variables`);
      }
      grads.forEach((g: tf.Tensor | null | undefined, i: number) => add(String(i), this.variables[i], g));
    } else if (grads instanceof Map) {
      for (const [k, g] of grads) add(k, this.variableByName(k), g);
    } else if (grads !== null && typeof grads === 'object') {
      for (const [k, g] of Object.entries(grads as tf.NamedTensorMap)) add(k, this.variableByName(k), g);
    } else {
      throw new TypeError('Adam.step: grads must be a record or Map of name → tensor, or an array of tensors');
    }
    return out;
  }

  private variableByName(name: string): tf.Variable | undefined {
    const i = this.byName.get(name);
    return i === undefined ? undefined : this.variables[i];
  }

  /** The moment tensors (m and v of every variable stepped so far), e.g. to `readBack` before {@link Adam.toJSON}. */
  tensors(): tf.Tensor[] {
    return [...this.state.values()].flatMap((st) => [st.expAvg, st.expAvgSq]);
  }

  /** The state as plain JSON (hyper-parameters, and per variable: step, m, v as arrays). */
  toJSON(): AdamState {
    const params: AdamState['params'] = [];
    for (const v of this.variables) {
      const st = this.state.get(v.name);
      if (st === undefined) continue;
      params.push({
        name: v.name,
        shape: [...v.shape],
        step: st.step,
        expAvg: Array.from(st.expAvg.dataSync()),
        expAvgSq: Array.from(st.expAvgSq.dataSync()),
      });
    }
    return {
      format: Adam.FORMAT,
      version: 1,
      lr: this.lrValue,
      betas: [this.betas[0], this.betas[1]],
      eps: this.eps,
      weightDecay: this.weightDecay,
      params,
    };
  }

  /**
   * Restores an optimiser saved by `toJSON()` onto `variables` (matched by name and shape).
   * Throws `StateFormatError` for another format or version, or state that does not fit.
   */
  static fromJSON(json: unknown, variables: readonly tf.Variable[]): Adam {
    const fmt = Adam.FORMAT;
    // 'mrnet.adam': the spelling of resume files written before the format names were unified.
    const j = checkEnvelope('Adam.fromJSON', json, { format: fmt, version: Adam.VERSION, aliases: ['mrnet.adam'] }) as Partial<AdamState>;
    const schema = z.object({
      lr: z.number(), betas: z.tuple([z.number(), z.number()]), eps: z.number(), weightDecay: z.number(),
      params: z.array(z.object({
        name: z.string(), shape: z.array(z.number().int().nonnegative()), step: z.number().int().positive(),
        expAvg: z.array(z.number()), expAvgSq: z.array(z.number()),
      })),
    });
    const parsed = schema.safeParse(j);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new StateFormatError(`Adam.fromJSON: ${issue.path.join('.')}: ${issue.message}`, fmt);
    }
    const s = parsed.data;
    const adam = new Adam(variables, { lr: s.lr, betas: s.betas, eps: s.eps, weightDecay: s.weightDecay });
    for (const p of s.params) {
      const v = adam.variableByName(p.name);
      if (v === undefined) throw new StateFormatError(`Adam.fromJSON: state for '${p.name}' matches no variable`, fmt);
      const size = tf.util.sizeFromShape(p.shape);
      if (!tf.util.arraysEqual(p.shape, v.shape) || p.expAvg.length !== size || p.expAvgSq.length !== size) {
        adam.dispose();
        throw new StateFormatError(
          `Adam.fromJSON: state for '${p.name}' has shape [${p.shape.join(', ')}] (${p.expAvg.length} values) but the variable has [${v.shape.join(', ')}]`, fmt);
      }
      adam.state.set(p.name, {
        step: p.step,
        expAvg: tf.variable(tf.tensor(p.expAvg, v.shape, 'float32'), false),
        expAvgSq: tf.variable(tf.tensor(p.expAvgSq, v.shape, 'float32'), false),
      });
    }
    return adam;
  }

  /** Frees the optimiser's state tensors (not the variables it optimises). */
  dispose(): void {
    for (const st of this.state.values()) tf.dispose([st.expAvg, st.expAvgSq]);
    this.state.clear();
    this.disposed = true;
  }
}
