import type { Rng } from '../random/index.js';
import type { Plane } from '../types.js';
import type { SyntheticFindings } from './labels.js';

/**
 * A procedural knee: analytic shapes in a normalised frame X (medial − / lateral +),
 * Y (anterior − / posterior +), Z (superior − / inferior +), each coordinate about [−1, 1].
 * MR-like grey levels (proton-density look): bright marrow and fat, dark cortex, ligaments and
 * menisci, bright fluid. Findings are local: an ACL tear is a fluid-bright gap in the dark band,
 * its fibres bunched into a thick dark stump in front of the gap, inside a soft-edged bright
 * oedema/haemorrhage halo around the disrupted segment (several slices in every plane, about 4–8 %
 * of a slice's area whatever the pixel size; the same halo surrounds every intact ACL too, and the
 * stump darkens about as many voxels as the gap brightens, so only the geometry tells a tear); the
 * other findings are fluid-bright: a meniscal tear a bright cleft a few pixels wide through the dark wedge, an effusion a bright pouch above the patella, a
 * bone bruise a bright blob in the marrow. @internal
 */

/**
 * Lesion kinds recorded in a synthetic dataset's lesion files (`lesions/{split}/{id}.json`).
 *
 * @example
 * ```ts
 * import { LESION_TYPES } from '@mrnet/data';
 * LESION_TYPES; // ['aclTear', 'meniscusTear', 'effusion', 'boneBruise']
 * ```
 */
export const LESION_TYPES = ['aclTear', 'meniscusTear', 'effusion', 'boneBruise'] as const;
/**
 * One kind of lesion a synthetic exam can have.
 *
 * @example
 * ```ts
 * import type { LesionType } from '@mrnet/data';
 * const finding: LesionType = 'aclTear';
 * ```
 */
export type LesionType = (typeof LESION_TYPES)[number];

const GREY = {
  background: 4,
  soft: 85,
  fat: 140,
  marrow: 165,
  cortex: 45,
  cartilage: 112,
  ligament: 24,
  meniscus: 22,
  fluid: 238,
} as const;

/**
 * Squared radius of the ACL band (flattened 2.2× across X): thick enough that the band, and a
 * break in it, span two sagittal slices and several pixels at 64 px.
 */
const ACL_R2 = 0.065 * 0.065;
/**
 * Squared radius of a torn ACL's displaced stump: its fibres bunch up, thicker than the band. 2.5×
 * the band's, so that the stump darkens about as many voxels as the gap brightens (part of it is
 * hidden by the band it overlaps and by bone), measured on every plane.
 */
const STUMP_R2 = 2.5 * ACL_R2;

/** Per-exam anatomy and finding geometry (all drawn from the exam's generator). @internal */
export interface KneeAnatomy {
  shift: [number, number, number];
  scale: number;
  mirror: boolean;
  gain: number;
  /** ACL segment: femoral end A, tibial end B. */
  aclA: [number, number, number];
  aclB: [number, number, number];
  /** Fraction of the ACL length where the tear gap starts / ends (null: intact). */
  aclGap: [number, number] | null;
  /**
   * Where a torn ligament's fibres went: the torn segment, moved `anterior` normalised units
   * forwards (−Y, at the same heights, so that it stays in the notch between femur and tibia), lies
   * in front of the gap as a dark stump. Drawn for every knee, used only with a tear.
   */
  aclStump: { anterior: number };
  /**
   * Oedema/haemorrhage around the ACL, in every knee (a lesion only where the band is torn): centred
   * on the (possible) gap, an elliptic cylinder
   * across X (half-width `rx`) whose sagittal cross-section has semi-axes `ra` along the ligament
   * and `rp` across it; soft-edged (full brightness in the core, cosine fall-off to the rim).
   */
  aclHalo: { centre: [number, number, number]; ra: number; rp: number; rx: number } | null;
  /** Meniscal tear: side (−1 medial, +1 lateral), radius, angular sector (radians). */
  meniscusTear: { side: -1 | 1; radius: number; from: number; to: number } | null;
  effusion: { radii: [number, number, number] } | null;
  boneBruise: { centre: [number, number, number]; radius: number } | null;
}

/** Draws one exam's anatomy and the geometry of its findings. @internal */
export function drawKneeAnatomy(rng: Rng, f: SyntheticFindings): KneeAnatomy {
  const j = (s: number): number => rng.uniform(-s, s);
  const otherKind = rng.next() < 0.5 ? 'effusion' : 'boneBruise';
  const anatomy: KneeAnatomy = {
    shift: [j(0.04), j(0.04), j(0.04)],
    scale: 1 + j(0.05),
    mirror: rng.next() < 0.5,
    gain: 1 + j(0.2),
    aclA: [0.045 + j(0.01), 0.22 + j(0.02), 0.02 + j(0.02)],
    aclB: [-0.02 + j(0.01), -0.12 + j(0.02), 0.19 + j(0.01)],
    aclGap: null,
    aclStump: { anterior: 0 },
    aclHalo: null,
    meniscusTear: null,
    effusion: null,
    boneBruise: null,
  };
  // Every knee has oedema around its ACL (a sprain as often as a tear), drawn the same way whatever
  // the label: only the break in the dark band inside it tells a tear from an intact ligament.
  // Were the halo a tear's alone (generator v2), it would change the slice's brightness so much that
  // even an untrained network separates the classes.
  const start = rng.uniform(0.26, 0.34);
  const gap: [number, number] = [start, start + rng.uniform(0.4, 0.48)];
  const m = (gap[0] + gap[1]) / 2;
  const [ax, ay, az] = anatomy.aclA, [bx, by, bz] = anatomy.aclB;
  anatomy.aclHalo = {
    centre: [ax + m * (bx - ax) + j(0.02), ay + m * (by - ay) + j(0.02), az + m * (bz - az) + j(0.02)],
    ra: rng.uniform(0.27, 0.32),
    rp: rng.uniform(0.2, 0.24),
    rx: rng.uniform(0.22, 0.26),
  };
  // The fibres of a torn segment do not vanish: they retract and bunch up in front of the gap (a
  // flipped, thickened stump). As dark as the band they left, they darken about as many voxels as
  // the gap brightens, so that only the geometry (a band broken, a dark mass in front of it) tells
  // the classes apart — not how bright the slice is, which an untrained network already sees.
  anatomy.aclStump = { anterior: rng.uniform(0.14, 0.16) };
  if (f.acl) anatomy.aclGap = gap;
  if (f.meniscus) {
    const width = rng.uniform(120, 160) * (Math.PI / 180); // a longitudinal tear: posterior horn into the body
    const centre = Math.PI / 2 + j(Math.PI / 6); // posterior horn (+Y)
    anatomy.meniscusTear = {
      side: rng.next() < 0.5 ? -1 : 1,
      radius: rng.uniform(0.14, 0.17),
      from: centre - width / 2,
      to: centre + width / 2,
    };
  }
  if (f.other) {
    if (otherKind === 'effusion') anatomy.effusion = { radii: [0.3 + j(0.04), 0.1 + j(0.02), 0.2 + j(0.03)] };
    else {
      const tibial = rng.next() < 0.5;
      anatomy.boneBruise = {
        centre: [0.29 * (rng.next() < 0.5 ? -1 : 1) + j(0.04), 0.08 + j(0.08), tibial ? 0.3 + j(0.03) : 0.02 + j(0.03)],
        radius: rng.uniform(0.09, 0.12),
      };
    }
  }
  return anatomy;
}

/**
 * Per-slice lesion mask, in pixel coordinates of that plane's slice.
 *
 * @example
 * ```ts
 * import type { SliceLesion } from '@mrnet/data';
 * const first: SliceLesion = lesion.perSlice[0]!;
 * console.log(first.slice, first.box, first.area); // slice index, [rowMin, colMin, rowMax, colMax], pixels
 * ```
 */
export interface SliceLesion {
  /** Slice index (0-based). */
  slice: number;
  /** Bounding box `[rowMin, colMin, rowMax, colMax]`, inclusive. */
  box: [number, number, number, number];
  /** Mask as run-length pairs `[start, length, …]` over the slice's row-major pixel index. */
  rle: number[];
  /** Number of lesion pixels. */
  area: number;
}

/** Field of view along each plane's slice axis (normalised units), covering the joint. */
const SLICE_RANGE: Record<Plane, [number, number]> = {
  sagittal: [-0.6, 0.6],
  coronal: [-0.45, 0.5],
  axial: [-0.28, 0.3],
};
const IN_PLANE = 0.95;

/** Renders one plane of an exam as uint8 `[slices, size, size]` and records every lesion voxel. @internal */
export function renderPlane(
  a: KneeAnatomy,
  plane: Plane,
  slices: number,
  size: number,
  rng: Rng,
): { data: Uint8Array; lesions: Partial<Record<LesionType, SliceLesion[]>> } {
  const data = new Uint8Array(slices * size * size);
  const lesions: Partial<Record<LesionType, SliceLesion[]>> = {};
  const masks: (Uint8Array | null)[] = LESION_TYPES.map(() => null);
  const [lo, hi] = SLICE_RANGE[plane];
  const step = (2 * IN_PLANE) / size;
  const sliceT = Float64Array.from({ length: slices }, (_, k) => lo + ((hi - lo) * (k + 0.5)) / slices);
  const axis = Float64Array.from({ length: size }, (_, i) => -IN_PLANE + (i + 0.5) * step);
  const sample = makeSampler(a, plane, sliceT, axis);
  const n2 = size * size;
  // Speckle from a local xorshift32 stream seeded by the exam's generator (fast inner loop).
  let x32 = rng.nextUint32() | 1;
  const gain = a.gain;
  for (let k = 0; k < slices; k++) {
    const base = k * n2;
    for (let i = 0; i < size; i++) {
      for (let c = 0; c < size; c++) {
        const gc = sample(k, i, c);
        const g = gc & 0xff;
        const code = gc >>> 8;
        // Speckle: multiplicative and additive triangular noise from one 32-bit draw.
        x32 ^= x32 << 13;
        x32 ^= x32 >>> 17;
        x32 ^= x32 << 5;
        const n1 = ((x32 & 0xff) + ((x32 >>> 8) & 0xff)) / 255 - 1;
        const n2b = (((x32 >>> 16) & 0xff) + (x32 >>> 24)) / 255 - 1;
        const val = g * gain * (1 + 0.12 * n1) + 7 * n2b;
        const p = i * size + c;
        data[base + p] = val <= 0 ? 0 : val >= 255 ? 255 : (val + 0.5) | 0;
        if (code !== 0) {
          for (let m = 0; m < masks.length; m++) if ((code >>> m) & 1) (masks[m] ??= new Uint8Array(n2))[p] = 1;
        }
      }
    }
    for (let m = 0; m < masks.length; m++) {
      const mask = masks[m];
      if (mask === null || mask === undefined) continue;
      (lesions[LESION_TYPES[m]!] ??= []).push(encodeMask(mask, size, k));
      masks[m] = null;
    }
  }
  return { data, lesions };
}

/** Run-length encodes a binary slice mask with its bounding box. */
function encodeMask(mask: Uint8Array, size: number, slice: number): SliceLesion {
  const rle: number[] = [];
  let r0 = size, c0 = size, r1 = -1, c1 = -1, area = 0;
  for (let p = 0; p < mask.length; ) {
    if (mask[p] === 0) { p++; continue; }
    const start = p;
    while (p < mask.length && mask[p] === 1) {
      const r = Math.floor(p / size), c = p % size;
      if (r < r0) r0 = r;
      if (r > r1) r1 = r;
      if (c < c0) c0 = c;
      if (c > c1) c1 = c;
      p++;
    }
    rle.push(start, p - start);
    area += p - start;
  }
  return { slice, box: [r0, c0, r1, c1], rle, area };
}

/**
 * Builds the grey-level function of an exam's knee (closure over its anatomy). It returns
 * `grey | (lesionBits << 8)`, bit m of lesionBits set where the finding `LESION_TYPES[m]` shows
 * (findings may overlap, e.g. a meniscal tear inside an ACL tear's oedema).
 */
function makeSampler(
  a: KneeAnatomy,
  plane: Plane,
  sliceT: Float64Array,
  axis: Float64Array,
): (k: number, i: number, c: number) => number {
  // Integer arguments (slice, row, column) rather than coordinates: small integers cross the call
  // without being boxed, which matters at tens of millions of calls.
  const sagittal = plane === 'sagittal';
  const coronal = plane === 'coronal';
  const [sx, sy, sz] = a.shift;
  const inv = 1 / a.scale;
  const mir = a.mirror ? -1 : 1;
  const [ax, ay, az] = a.aclA;
  const [dx, dy, dz] = [a.aclB[0] - ax, a.aclB[1] - ay, a.aclB[2] - az];
  const dd = dx * dx + dy * dy + dz * dz;
  const gap = a.aclGap;
  const halo = a.aclHalo;
  // The halo's in-plane axes: along the ligament's (Y, Z) direction and across it.
  const hn = Math.hypot(dy, dz), huy = dy / hn, huz = dz / hn;
  // The stump's axis: the ligament's, moved forwards.
  const say = ay - a.aclStump.anterior, saz = az;
  const hira = halo === null ? 0 : 1 / halo.ra, hirp = halo === null ? 0 : 1 / halo.rp, hirx = halo === null ? 0 : 1 / halo.rx;
  // Soft profile of a squared normalised radius q in [0, 1): 1 in the core (q ≤ 0.5), cosine to 0 at the rim.
  const soft = (q: number): number => (q <= 0.5 ? 1 : 0.5 + 0.5 * Math.cos(2 * Math.PI * (q - 0.5)));
  const mt = a.meniscusTear;
  const eff = a.effusion;
  const bb = a.boneBruise;
  // Ellipsoid test with reciprocal radii (multiplications instead of divisions in the hot loop).
  const ell = (x: number, y: number, z: number, cx: number, cy: number, cz: number, irx: number, iry: number, irz: number): number => {
    const p = (x - cx) * irx, q = (y - cy) * iry, s = (z - cz) * irz;
    return p * p + q * q + s * s;
  };
  return (k, i, c) => {
    let lesionCode = 0; // the finding drawn last below, if it is still fluid-bright at the end
    let inStump = false; // a torn ACL's displaced fibres (dark, yet part of the tear)
    // Rows run superior → inferior (anterior → posterior in axial), columns anterior → posterior
    // (sagittal) or medial → lateral; slices along the plane's normal.
    const t = sliceT[k]!, u = axis[i]!, v = axis[c]!;
    const X0 = sagittal ? t : v;
    const Y0 = sagittal ? v : coronal ? t : u;
    const Z0 = sagittal || coronal ? u : t;
    const X = ((X0 - sx) * inv) * mir;
    const Y = (Y0 - sy) * inv;
    const Z = (Z0 - sz) * inv;
    const lx = X / 0.85, ly = (Y - 0.02) / 0.78;
    const leg = lx * lx + ly * ly;
    if (leg >= 1) return GREY.background;

    let g: number = leg > 0.74 ? GREY.fat : GREY.soft;
    // Infrapatellar (Hoffa) fat pad and notch fat, so that the dark cruciates stand out.
    if (ell(X, Y, Z, 0, -0.35, 0.12, 1 / 0.3, 1 / 0.2, 1 / 0.15) < 1) g = GREY.fat;
    if (Math.abs(X) < 0.09 && Z > -0.02 && Z < 0.2 && Y > -0.22 && Y < 0.36) g = GREY.fat + 5;
    // Menisci: C-shaped wedges on the tibial plateau around each condyle, thick at the rim.
    let inMeniscus = 0;
    if (Z > 0.06 && Z < 0.205) {
      for (let side = -1; side <= 1; side += 2) {
        const ex = X - 0.29 * side, ey = (Y - 0.08) / 1.4;
        const rho = Math.sqrt(ex * ex + ey * ey);
        if (rho > 0.08 && rho < 0.23 && Z > 0.2 - (0.13 * (rho - 0.08)) / 0.15) {
          g = GREY.meniscus;
          inMeniscus = side;
          if (mt !== null && mt.side === side && Math.abs(rho - mt.radius) < 0.045) {
            const phi = Math.atan2(ey, ex);
            if (phi >= mt.from && phi <= mt.to) {
              g = GREY.fluid;
              lesionCode = 2;
            }
          }
        }
      }
    }
    // Cruciate ligaments: dark bands; PCL first, then the ACL (flattened across X).
    if (Z > -0.1 && Z < 0.35 && Math.abs(X) < 0.22) {
      if (inTube(X, Y, Z, -0.05, 0.0, 0.0, 0.03, 0.34, 0.25, 0.045, 0.06)) g = GREY.ligament;
      let t = ((X - ax) * dx + (Y - ay) * dy + (Z - az) * dz) / dd;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = (X - ax - t * dx) / 2.2, ey = Y - ay - t * dy, ez = Z - az - t * dz;
      const d2 = ex * ex + ey * ey + ez * ez;
      if (gap !== null && t > gap[0] && t < gap[1] && d2 < ACL_R2) {
        g = GREY.fluid; // fluid where the torn segment was
        lesionCode = 1;
      } else if (d2 < ACL_R2) g = GREY.ligament; // intact band, or the torn ligament's stumps
      else if (gap !== null) {
        // The retracted fibres: the torn segment's tube, moved beside the gap.
        const ts = ((X - ax) * dx + (Y - say) * dy + (Z - saz) * dz) / dd;
        if (ts > gap[0] && ts < gap[1]) {
          const sx2 = (X - ax - ts * dx) / 2.2, sy2 = Y - say - ts * dy, sz2 = Z - saz - ts * dz;
          if (sx2 * sx2 + sy2 * sy2 + sz2 * sz2 < STUMP_R2) {
            g = GREY.ligament;
            inStump = true;
          }
        }
      }
    }
    // Bones: femur (shaft, metaphysis, two condyles), tibia (plateau, shaft), patella.
    let qm = 9, ql = 9, qmeta = 9, qshaft = 9, qtp = 9, qts = 9, qpat = 9;
    if (Z < 0.17) {
      if (Z > -0.29) {
        qm = ell(X, Y, Z, -0.29, 0.08, -0.06, 1 / 0.21, 1 / 0.33, 1 / 0.22);
        ql = ell(X, Y, Z, 0.29, 0.08, -0.06, 1 / 0.21, 1 / 0.33, 1 / 0.22);
      }
      if (Z < -0.01) qmeta = ell(X, Y, Z, 0, 0.05, -0.22, 1 / 0.5, 1 / 0.3, 1 / 0.2);
      if (Z < -0.2) {
        const fx = X / 0.26, fy = (Y - 0.05) / 0.24;
        qshaft = fx * fx + fy * fy;
      }
      if (Z > -0.38 && Y < -0.5) qpat = ell(X, Y, Z, 0, -0.62, -0.2, 1 / 0.2, 1 / 0.09, 1 / 0.17);
    } else if (Z > 0.205) {
      if (Z < 0.6) {
        const tx = X / 0.58, ty = (Y - 0.04) / 0.42;
        qtp = tx * tx + ty * ty;
      } else {
        const tx = X / 0.27, ty = (Y - 0.02) / 0.25;
        qts = tx * tx + ty * ty;
      }
    }
    const femur = Math.min(qm, ql, qmeta, qshaft);
    const tibia = qtp < qts ? qtp : qts;
    const bone = Math.min(femur, tibia, qpat);
    if (bone < 1) {
      // Cortex where the point is inside the union but outside every shrunken shape.
      const innerTibia = Math.min(qtp < 0.8 && Z > 0.225 ? 0 : 9, qts);
      g = Math.min(femur, innerTibia, qpat) < 0.8 ? GREY.marrow : GREY.cortex;
      if (bb !== null && g === GREY.marrow && ell(X, Y, Z, bb.centre[0], bb.centre[1], bb.centre[2], 1 / bb.radius, 1 / bb.radius, 1 / bb.radius) < 1) {
        g = GREY.fluid;
        lesionCode = 4;
      }
    } else if (Math.min(qm, ql) < 1.2 && Z > 0.0 && inMeniscus === 0) {
      g = GREY.cartilage; // femoral condylar cartilage
    } else if (Z > 0.185 && Z <= 0.205 && inMeniscus === 0 && ell(X, Y, 0, 0, 0.04, 0, 1 / 0.58, 1 / 0.42, 1) < 1) {
      g = GREY.cartilage; // tibial plateau cartilage
    } else if (eff !== null && Z < -0.1 && ell(X, Y, Z, 0, -0.44, -0.4, 1 / eff.radii[0], 1 / eff.radii[1], 1 / eff.radii[2]) < 1) {
      g = GREY.fluid; // suprapatellar effusion
      lesionCode = 3;
    }
    // Lesion voxels are exactly the fluid-bright voxels of a finding, and a torn ACL's dark stump
    // (anything drawn over either hides it).
    let bits = g === GREY.fluid && lesionCode > 0 ? 1 << (lesionCode - 1) : 0;
    if (inStump && g === GREY.ligament) bits |= 1;
    // ACL tear: oedema/haemorrhage around the disrupted segment, drawn over everything but the dark
    // ligaments (the stumps and the PCL stay dark inside it); its voxels are part of the tear.
    if (halo !== null) {
      const hx = (X - halo.centre[0]) * hirx;
      const qx = hx * hx;
      if (qx < 1) {
        const hy = Y - halo.centre[1], hz = Z - halo.centre[2];
        const pa = (hy * huy + hz * huz) * hira, pp = (hz * huy - hy * huz) * hirp;
        const q = pa * pa + pp * pp;
        const w = q < 1 ? 0.9 * soft(q) * soft(qx) : 0;
        // Below a tenth of the peak the change is under the speckle: outside the tear. Around an
        // intact ligament the same oedema is no finding (a sprain), so it is in no lesion mask.
        if (w >= 0.09) {
          if (g !== GREY.ligament && g !== GREY.meniscus) g += w * (GREY.fluid - g);
          if (gap !== null) bits |= 1;
        }
      }
    }
    return (g + 0.5) | 0 | (bits << 8);
  };
}

/** Whether a point is within a segment's flattened tube (radius r, X half-width sxr). */
function inTube(
  x: number, y: number, z: number,
  ax: number, ay: number, az: number,
  bx: number, by: number, bz: number,
  r: number, sxr: number,
): boolean {
  const dx = bx - ax, dy = by - ay, dz = bz - az;
  let t = ((x - ax) * dx + (y - ay) * dy + (z - az) * dz) / (dx * dx + dy * dy + dz * dz);
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = ((x - ax - t * dx) * r) / sxr, ey = y - ay - t * dy, ez = z - az - t * dz;
  return ex * ex + ey * ey + ez * ez < r * r;
}
