import { CholeskyDecomposition, LuDecomposition, Matrix } from 'ml-matrix';

/** What {@link fitNewton} returns: parameters `[w..., b]` (no `b` without intercept). Internal. */
export interface NewtonResult {
  theta: Float64Array;
  nIter: number;
  converged: boolean;
  gradientNorm: number;
}

/** Numerically stable logistic sigmoid. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/**
 * Minimises `C · Σᵢ logloss(yᵢ, aᵢ·θ) + ½‖w‖²` — scikit-learn's L2 logistic regression, with the
 * intercept (the last entry of θ when `fitIntercept`) left unpenalised — by Newton's method with an
 * Armijo backtracking line search. The Hessian system is solved by Cholesky (ml-matrix), falling back
 * to LU and then to a small ridge if the Hessian is numerically singular.
 *
 * Stops when the largest component of the accepted step is ≤ `stepTol · (1 + max|θ|)`, when the
 * gradient is exactly zero, or when no step along the Newton direction lowers the objective any more
 * in floating point (the optimum to double precision). Internal; `X` is already validated.
 */
export function fitNewton(
  X: ReadonlyArray<ArrayLike<number>>,
  y: ArrayLike<number>,
  C: number,
  fitIntercept: boolean,
  maxIter: number,
  stepTol: number,
): NewtonResult {
  const n = X.length;
  const p = X[0]!.length;
  const d = p + (fitIntercept ? 1 : 0);
  // Design matrix A = [X, 1] row-major.
  const A = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = X[i]!;
    for (let j = 0; j < p; j++) A[i * d + j] = row[j]!;
    if (fitIntercept) A[i * d + p] = 1;
  }
  const penalised = (j: number): boolean => j < p;

  const z = new Float64Array(n);
  const objective = (theta: Float64Array): number => {
    let loss = 0;
    for (let i = 0; i < n; i++) {
      let zi = 0;
      for (let j = 0; j < d; j++) zi += A[i * d + j]! * theta[j]!;
      z[i] = zi;
      loss += softplus(zi) - y[i]! * zi;
    }
    let reg = 0;
    for (let j = 0; j < p; j++) reg += theta[j]! * theta[j]!;
    return C * loss + 0.5 * reg;
  };

  let theta: Float64Array = new Float64Array(d);
  let f = objective(theta);
  const grad = new Float64Array(d);
  const s = new Float64Array(n);
  let nIter = 0;
  let converged = false;
  let gradientNorm = Infinity;

  while (nIter < maxIter) {
    // z holds A·theta for the current theta (objective() was last called on it).
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      const pi = sigmoid(z[i]!);
      s[i] = pi * (1 - pi);
      const r = pi - y[i]!;
      for (let j = 0; j < d; j++) grad[j]! += C * r * A[i * d + j]!;
    }
    for (let j = 0; j < p; j++) grad[j]! += theta[j]!;
    gradientNorm = maxAbs(grad);
    if (gradientNorm === 0) {
      converged = true;
      break;
    }

    const H = new Matrix(d, d);
    for (let a = 0; a < d; a++) {
      for (let b = a; b < d; b++) {
        let h = 0;
        for (let i = 0; i < n; i++) h += s[i]! * A[i * d + a]! * A[i * d + b]!;
        h *= C;
        if (a === b && penalised(a)) h += 1;
        H.set(a, b, h);
        H.set(b, a, h);
      }
    }
    const step = solveSymmetric(H, grad);
    nIter++;

    // Armijo backtracking along -step; the slack term tolerates rounding noise in f near the optimum.
    let decrease = 0;
    for (let j = 0; j < d; j++) decrease += grad[j]! * step[j]!;
    const slack = 4 * Number.EPSILON * Math.abs(f);
    let t = 1;
    let accepted: Float64Array | undefined;
    let fNew = f;
    for (let k = 0; k < 60; k++) {
      const trial = new Float64Array(d);
      for (let j = 0; j < d; j++) trial[j] = theta[j]! - t * step[j]!;
      fNew = objective(trial);
      if (fNew <= f - 1e-4 * t * decrease + slack) {
        accepted = trial;
        break;
      }
      t /= 2;
    }
    if (accepted === undefined) {
      // No representable decrease: theta is the optimum to floating-point precision.
      objective(theta);
      converged = true;
      break;
    }
    const moved = t * maxAbs(step);
    theta = accepted;
    f = fNew;
    if (moved <= stepTol * (1 + maxAbs(theta))) {
      converged = true;
      break;
    }
  }
  return { theta, nIter, converged, gradientNorm };
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (const x of v) m = Math.max(m, Math.abs(x));
  return m;
}

/** Solves H·x = g for a symmetric positive (semi-)definite H. */
function solveSymmetric(H: Matrix, g: Float64Array): Float64Array {
  const b = Matrix.columnVector(Array.from(g));
  const chol = new CholeskyDecomposition(H);
  if (chol.isPositiveDefinite()) return Float64Array.from(chol.solve(b).getColumn(0));
  const lu = new LuDecomposition(H);
  if (!lu.isSingular()) return Float64Array.from(lu.solve(b).getColumn(0));
  // Numerically singular (e.g. separable data with a huge C): a tiny ridge keeps the step finite.
  const ridge = H.clone();
  const scale = Math.max(1e-300, ...Array.from({ length: H.rows }, (_, i) => Math.abs(H.get(i, i))));
  for (let i = 0; i < H.rows; i++) ridge.set(i, i, ridge.get(i, i) + 1e-10 * scale);
  return Float64Array.from(new LuDecomposition(ridge).solve(b).getColumn(0));
}
