// Pretrained backbones: torchvision's ImageNet AlexNet, downloaded once and cached.
export { PretrainedWeightsError } from './errors.js';
export {
  downloadByHandHint,
  loadPretrainedAlexNet,
  TORCHVISION_ALEXNET,
  type FetchLike,
  type LoadPretrainedAlexNetOptions,
  type PretrainedAlexNet,
} from './load-pretrained-alexnet.js';
