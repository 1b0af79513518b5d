import * as tf from '@tensorflow/tfjs-core';
import { MRNet } from '../network/mrnet.js';
import { CamModelError } from './errors.js';

/**
 * What {@link classActivationMaps} needs of a model: the last convolutional features of every slice
 * and the linear head that turns their pooled maximum into the logit. An {@link MRNet} is one; any
 * object with `lastConvFeatures` and `getWeights().classifier` is accepted too.
 *
 * @example
 * ```ts
 * import { classActivationMaps, loadMRNet, type CamModel } from '@mrnet/model';
 * const { model } = await loadMRNet('models/acl/sagittal');
 * const camModel: CamModel = model; // an MRNet is a CamModel
 * classActivationMaps(camModel, volume.data, volume.shape);
 * ```
 */
export interface CamModel {
  /** `[slices, H, W]` → `[slices, h', w', C]` (after the last ReLU and max-pool). */
  lastConvFeatures(volume: tf.Tensor3D): tf.Tensor4D;
  /** Must return the linear head: `classifier.weight` (C values) and `classifier.bias`. */
  getWeights?(): { classifier?: { weight: Float32Array; bias: number } };
}

/**
 * The linear head `(weight [C], bias)` of a model, read without copying the convolution weights
 * when it is an {@link MRNet}.
 * @throws CamModelError when the model has no usable head.
 * @internal
 */
export function linearHeadOf(where: string, model: unknown): { weight: Float32Array; bias: number } {
  if (model === null || typeof model !== 'object') {
    throw new CamModelError(`${where}: model must be an MRNet (got ${model === null ? 'null' : typeof model})`);
  }
  if (typeof (model as CamModel).lastConvFeatures !== 'function') {
    throw new CamModelError(`${where}: model has no lastConvFeatures(volume) method; pass an MRNet`);
  }
  if (model instanceof MRNet) {
    const [w, b] = [model.variables[10], model.variables[11]];
    if (!w || !b || w.isDisposed || b.isDisposed) throw new CamModelError(`${where}: this MRNet has been disposed`);
    return { weight: w.dataSync() as Float32Array, bias: b.dataSync()[0]! };
  }
  const getWeights = (model as CamModel).getWeights;
  const head = typeof getWeights === 'function' ? getWeights.call(model)?.classifier : undefined;
  if (!head || typeof head !== 'object') {
    throw new CamModelError(
      `${where}: model has no linear head (a backbone alone cannot give class activation maps); ` +
        'pass an MRNet, or an object whose getWeights().classifier is { weight: Float32Array(C), bias: number }',
    );
  }
  if (!(head.weight instanceof Float32Array) || head.weight.length === 0 || typeof head.bias !== 'number' || !Number.isFinite(head.bias)) {
    throw new CamModelError(`${where}: model's linear head must be { weight: Float32Array(C), bias: finite number }`);
  }
  return { weight: head.weight, bias: head.bias };
}
