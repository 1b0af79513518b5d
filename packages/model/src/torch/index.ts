// PyTorch checkpoints: torch.save zip archives ⇄ named float32 tensors ⇄ MRNetWeights.
export { AlexNetOnlyCheckpointError, TorchCheckpointError } from './errors.js';
export type { StateDict, TorchTensor } from './tensor.js';
export { readTorchCheckpoint, type ReadTorchCheckpointOptions } from './read-torch-checkpoint.js';
export {
  backboneWeightsFromCheckpoint,
  backboneWeightsFromStateDict,
  locateStateDict,
  mrnetWeightsFromCheckpoint,
  mrnetWeightsFromStateDict,
  STATE_DICT_WRAPPER_KEYS,
  type StateDictLocation,
} from './mrnet-weights-from-checkpoint.js';
export { stateDictFromMRNetWeights, writeTorchCheckpoint } from './write-torch-checkpoint.js';
