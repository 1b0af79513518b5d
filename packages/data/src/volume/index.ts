export {
  INTENSITIES,
  IMAGENET_GREY_MEAN,
  IMAGENET_GREY_STD,
  MIN_SLICE_SIZE,
  STANFORD_MEAN,
  STANFORD_STD,
  toVolume,
  type Intensity,
  type Volume,
  type VolumeOptions,
} from './to-volume.js';
