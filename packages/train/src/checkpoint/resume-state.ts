import type * as tf from '@tensorflow/tfjs-core';
import { ALEXNET_CONV_SPECS, readBack, type MRNet, type MRNetWeights } from '@mrnet/model';
import { StateFormatError } from '@mrnet/options';
import { Adam, type AdamState } from '../optim/adam.js';
import { readResumeFile, RESUME_FILE_FORMAT, writeResumeFile, type NamedArray } from './resume-file.js';

/** Version of the resume checkpoint layout. @internal */
export const RESUME_STATE_VERSION = 1;

/**
 * Where a run stands and what it has accumulated, i.e. everything besides tensors that a resumed
 * run needs to continue exactly as an uninterrupted one. @internal
 */
export interface LoopState {
  /** 0-based epoch in progress. */
  epoch: number;
  /** Phase in progress and how many of its steps are done. */
  phase: 'train' | 'valid';
  step: number;
  trainLosses: number[];
  trainSeen: { yTrue: number[]; yScore: number[] };
  /** The finished training phase of this epoch (set once `phase` is `'valid'`). */
  trainResult: { loss: number; auc: number } | null;
  validLosses: number[];
  validSeen: { yTrue: number[]; yScore: number[] };
  /** The seed's `best_val_auc` (starts at 0) and the epoch (1-based) it was reached, or 0. */
  bestValAuc: number;
  bestEpoch: number;
  /** Per finished epoch: the rounded figures and the lr used. */
  history: { epoch: number; trainLoss: number; trainAuc: number; valLoss: number; valAuc: number; lr: number; seconds: number }[];
  /** The run's log folder. */
  logDir: string;
  /** Seconds of training spent before this process (whole run / current epoch). */
  secondsBefore: number;
  epochSecondsBefore: number;
}

/** A decoded resume checkpoint. @internal */
export interface ResumeState {
  /** The options that defined the run (JSON). */
  definition: Record<string, unknown>;
  loop: LoopState;
  weights: MRNetWeights;
  /** Adam state; param names are the variable indices as strings (rebind with {@link bindAdamState}). */
  adam: AdamState;
  scheduler: unknown;
  earlyStopping: unknown;
}

function weightArrays(w: MRNetWeights): NamedArray[] {
  const out: NamedArray[] = [];
  w.features.forEach((c, i) => {
    out.push({ name: `weights/conv${i + 1}.kernel`, data: c.kernel }, { name: `weights/conv${i + 1}.bias`, data: c.bias });
  });
  out.push({ name: 'weights/fc.weight', data: w.classifier.weight }, { name: 'weights/fc.bias', data: Float32Array.of(w.classifier.bias) });
  return out;
}

/**
 * Writes the resume checkpoint of a run (weights, Adam moments, scheduler, early stopping, loop
 * position and accumulators) atomically. @internal
 */
export async function saveResumeState(
  file: string,
  parts: { definition: Record<string, unknown>; loop: LoopState; net: MRNet; adam: { toJSON(): AdamState; tensors?(): tf.Tensor[] }; scheduler: unknown; earlyStopping: unknown },
  hook?: () => Promise<void>,
): Promise<void> {
  // Weights and moments are read synchronously below: WebGPU needs them downloaded first.
  await readBack([...parts.net.variables, ...(parts.adam.tensors?.() ?? [])]);
  const arrays = weightArrays(parts.net.getWeights());
  const adam = parts.adam.toJSON();
  const names = parts.net.variables.map((v) => v.name);
  const params = adam.params.map((p) => {
    const idx = names.indexOf(p.name);
    if (idx < 0) throw new Error(`saveResumeState: Adam state for '${p.name}' matches no model variable`);
    arrays.push({ name: `adam/m/${idx}`, data: Float32Array.from(p.expAvg) }, { name: `adam/v/${idx}`, data: Float32Array.from(p.expAvgSq) });
    return { name: String(idx), shape: p.shape, step: p.step };
  });
  const header = {
    version: RESUME_STATE_VERSION,
    definition: parts.definition,
    loop: parts.loop,
    adam: { ...adam, params },
    scheduler: parts.scheduler,
    earlyStopping: parts.earlyStopping,
  };
  await writeResumeFile(file, header, arrays, hook);
}

/**
 * Reads a resume checkpoint written by {@link saveResumeState}.
 * @throws StateFormatError naming the file when it is missing a part or from another version. @internal
 */
export async function loadResumeState(file: string): Promise<ResumeState> {
  const { header, arrays } = await readResumeFile(file, RESUME_STATE_VERSION);
  const bad = (what: string): never => {
    throw new StateFormatError(`loadResumeState: ${file}: ${what}`, RESUME_FILE_FORMAT);
  };
  const get = (name: string): Float32Array => arrays.get(name) ?? bad(`missing array '${name}'`);
  const features = ALEXNET_CONV_SPECS.map((s, i) => ({
    kernel: get(`weights/conv${i + 1}.kernel`),
    kernelShape: [s.kernel, s.kernel, s.inChannels, s.outChannels] as [number, number, number, number],
    bias: get(`weights/conv${i + 1}.bias`),
  }));
  const weights: MRNetWeights = { features, classifier: { weight: get('weights/fc.weight'), bias: get('weights/fc.bias')[0]! } };
  const adamHead = header['adam'] as (Omit<AdamState, 'params'> & { params: { name: string; shape: number[]; step: number }[] }) | undefined;
  if (!adamHead || !Array.isArray(adamHead.params)) bad('missing Adam state');
  const adam: AdamState = {
    ...adamHead!,
    params: adamHead!.params.map((p) => ({ ...p, expAvg: Array.from(get(`adam/m/${p.name}`)), expAvgSq: Array.from(get(`adam/v/${p.name}`)) })),
  };
  const loop = header['loop'] as LoopState | undefined;
  if (!loop || typeof loop.epoch !== 'number' || typeof loop.logDir !== 'string') bad('missing loop state');
  const definition = header['definition'] as Record<string, unknown> | undefined;
  if (!definition || typeof definition !== 'object') bad('missing run definition');
  return { definition: definition!, loop: loop!, weights, adam, scheduler: header['scheduler'], earlyStopping: header['earlyStopping'] };
}

/** Renames the Adam params of a resume state (variable indices) to the given variables' names. @internal */
export function bindAdamState(adam: AdamState, variableNames: readonly string[]): AdamState {
  return {
    ...adam,
    params: adam.params.map((p) => {
      const name = variableNames[Number(p.name)];
      if (name === undefined) throw new StateFormatError(`bindAdamState: Adam state for variable #${p.name} but the model has ${variableNames.length}`, Adam.FORMAT);
      return { ...p, name };
    }),
  };
}
