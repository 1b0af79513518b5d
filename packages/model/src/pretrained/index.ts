// Pretrained backbones: torchvision's ImageNet AlexNet, downloaded once and cached.
export { PretrainedWeightsError } from './errors.js';
