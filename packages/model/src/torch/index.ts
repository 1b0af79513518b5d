// PyTorch checkpoint import: torch.save zip archives → named float32 tensors → MRNetWeights.
export { TorchCheckpointError } from './errors.js';
export type { StateDict, TorchTensor } from './tensor.js';
export { readTorchCheckpoint, type ReadTorchCheckpointOptions } from './read-torch-checkpoint.js';
export {
  backboneWeightsFromCheckpoint,
  backboneWeightsFromStateDict,
  mrnetWeightsFromCheckpoint,
  mrnetWeightsFromStateDict,
} from './mrnet-weights-from-checkpoint.js';
