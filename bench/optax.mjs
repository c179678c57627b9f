// The optax rows of bench/bench.mjs: one spec per optax schedule function, in bench.mjs' format
// (options(n), cases, the user's loop, TF.js' formula, targets), with `make` (the function, called
// with the options object) and `oracle` (optax's pipeline on bench/oracle.mjs' correctly rounded
// arithmetic) in place of a Keras class and bench/oracle.mjs' ORACLES. Counts are int32 and optax
// refuses fractional ones, so the cases are a range and shuffled integers.
//
// The oracles follow src/optax/ and docs: int32 counts (a subtraction wraps around), Python's
// constants in float64 first, jnp.power with an integer exponent as integer_pow's products, every
// float operation rounded once. They share no code with lrdecay.
import * as tf from "@tensorflow/tfjs-core";
import * as optax from "../dist/optax/index.js";
import { arithmetic } from "./oracle.mjs";

const CASES = [
  { name: "range", kind: "range" },
  { name: "shuffled integers", kind: "shuffled" },
];

/** jnp.power(x, y): integer_pow's products for an integer y, else pow. */
function power(ops, x, y) {
  if (!Number.isInteger(y)) return ops.pow(x, y);
  if (y === 0) return 1;
  let acc = null;
  let b = x;
  for (let n = y; n > 0; ) {
    if (n % 2 === 1) acc = acc === null ? b : ops.mul(acc, b);
    n = Math.floor(n / 2);
    if (n > 0) b = ops.mul(b, b);
  }
  return acc;
}

const isub = (a, b, dtype) => (dtype === "float32" ? (a - b) | 0 : a - b);

function polynomialOracle({ initValue, endValue, power: y, transitionSteps: T, transitionBegin: B = 0 }, dtype) {
  const ops = arithmetic(dtype);
  return (t) => {
    const c = Math.min(Math.max(isub(t, Math.max(B, 0), dtype), 0), T);
    const frac = ops.sub(1, ops.div(ops.round(c), ops.round(T)));
    return ops.add(ops.mul(ops.round(initValue - endValue), power(ops, frac, y)), ops.round(endValue));
  };
}

function cosineOracle({ initValue, decaySteps, alpha = 0, exponent = 1 }, dtype) {
  const ops = arithmetic(dtype);
  const pi = ops.round(Math.PI);
  return (t) => {
    const x = Math.min(ops.round(t), ops.round(decaySteps));
    const cd = ops.mul(0.5, ops.add(1, ops.cos(ops.div(ops.mul(pi, x), ops.round(decaySteps)))));
    return ops.mul(ops.round(initValue), ops.add(ops.mul(ops.round(1 - alpha), power(ops, cd, exponent)), ops.round(alpha)));
  };
}

function exponentialOracle({ initValue, transitionSteps: T, decayRate, transitionBegin: B = 0, staircase = false, endValue = null }, dtype) {
  const ops = arithmetic(dtype);
  return (t) => {
    const dc = isub(t, Math.max(B, 0), dtype);
    let p = ops.div(ops.round(dc), ops.round(T));
    if (staircase) p = Math.floor(p);
    const v = dc <= 0 ? ops.round(initValue) : ops.mul(ops.round(initValue), ops.pow(ops.round(decayRate), p));
    if (endValue === null) return v;
    return decayRate < 1 ? Math.max(v, ops.round(endValue)) : Math.min(v, ops.round(endValue));
  };
}

/** piecewise_interpolate_schedule over sorted [step, scale] pairs: the float32 cumprod, the dot product from +0. */
function interpolateOracle(type, init, pairs, dtype) {
  const ops = arithmetic(dtype);
  const bounds = [0, ...pairs.map(([b]) => b)];
  const values = [ops.round(init)];
  for (const [, s] of pairs) values.push(ops.mul(values[values.length - 1], ops.round(s)));
  const pi = ops.round(Math.PI);
  const n = pairs.length;
  return (t) => {
    let dot = 0;
    for (let i = 0; i < n; i++) {
      const on = bounds[i] <= t && t < bounds[i + 1] ? 1 : 0;
      const pct = ops.div(ops.round(isub(t, bounds[i], dtype)), ops.round(Math.max(isub(bounds[i + 1], bounds[i], dtype), 1)));
      const [s, e] = [values[i], values[i + 1]];
      const v = type === "linear" ? ops.add(ops.mul(ops.sub(e, s), pct), s) : ops.add(e, ops.mul(ops.div(ops.sub(s, e), 2), ops.add(ops.cos(ops.mul(pi, pct)), 1)));
      dot = ops.add(dot, ops.mul(on, v));
    }
    return ops.add(dot, ops.mul(bounds[n] <= t ? 1 : 0, values[n]));
  };
}

/** The pairs of a {step: scale} dict literal, later keys replacing earlier ones, sorted. */
const dict = (entries) => [...new Map(entries).entries()].sort((x, y) => x[0] - y[0]);

/** join_schedules: the chain of jnp.where. */
const joinOracle = (pieces, boundaries, dtype) => (t) => {
  let out = pieces[0](t);
  boundaries.forEach((b, j) => {
    if (!(t < b)) out = pieces[j + 1](isub(t, b, dtype));
  });
  return out;
};

function warmupCosineOracle({ initValue, peakValue, warmupSteps: W, decaySteps: D, endValue = 0, exponent = 1 }, dtype) {
  const alpha = peakValue === 0 ? 0 : endValue / peakValue;
  return joinOracle(
    [
      polynomialOracle({ initValue, endValue: peakValue, power: 1, transitionSteps: W }, dtype),
      cosineOracle({ initValue: peakValue, decaySteps: D - W, alpha, exponent }, dtype),
    ],
    [W],
    dtype,
  );
}

// The user's loops: as bench.mjs', a property `loop` whose source is compiled afresh per row (with
// bench.mjs' stepOf), written as a user would, with Math.cos and Math.pow.
// Every optax schedule at least as fast as its loop (issue 21), float64 too (JAX with x64), and its
// float64 JS twin at least half as fast (issue 19: what a browser computes before the kernel is ready).
const FLOAT64_TARGETS = [
  ["float64", "range", "simd", "loop", 1],
  ["float64", "shuffled integers", "simd", "loop", 1],
  ["float64", "range", "js", "loop", 0.5],
  ["float64", "shuffled integers", "js", "loop", 0.5],
];

const SPECS = [
  {
    name: "optax.linear_schedule",
    make: (o) => optax.linearSchedule(o),
    oracle: (o, dtype) => polynomialOracle({ ...o, power: 1 }, dtype),
    options: (n) => ({ initValue: 0.1, endValue: 0.001, transitionSteps: n / 2 }),
    cases: CASES,
    loopName: "clip and divide",
    loop({ initValue: a, endValue: e, transitionSteps: T }) {
      return (steps, n, out) => {
        for (let i = 0; i < n; i++) out[i] = (a - e) * (1 - Math.min(Math.max(stepOf(steps, i), 0), T) / T) + e;
        return out;
      };
    },
    tfjs: ({ initValue: a, endValue: e, transitionSteps: T }, t) => tf.add(tf.mul(a - e, tf.sub(1, tf.div(tf.clipByValue(t, 0, T), T))), e),
    targets: [["float32", "range", "simd", "loop", 1], ["float32", "shuffled integers", "simd", "loop", 1]],
  },
  {
    name: "optax.polynomial_schedule",
    make: (o) => optax.polynomialSchedule(o),
    oracle: polynomialOracle,
    options: (n) => ({ initValue: 0.1, endValue: 0.001, power: 2, transitionSteps: n / 2 }),
    cases: CASES,
    loopName: "Math.pow",
    loop({ initValue: a, endValue: e, power: y, transitionSteps: T }) {
      return (steps, n, out) => {
        for (let i = 0; i < n; i++) out[i] = (a - e) * Math.pow(1 - Math.min(Math.max(stepOf(steps, i), 0), T) / T, y) + e;
        return out;
      };
    },
    tfjs: ({ initValue: a, endValue: e, power: y, transitionSteps: T }, t) => tf.add(tf.mul(a - e, tf.pow(tf.sub(1, tf.div(tf.clipByValue(t, 0, T), T)), y)), e),
    targets: [["float32", "range", "simd", "loop", 1], ["float32", "shuffled integers", "simd", "loop", 1]],
  },
  {
    name: "optax.exponential_decay",
    make: (o) => optax.exponentialDecay(o),
    oracle: exponentialOracle,
    options: (n) => ({ initValue: 0.1, transitionSteps: n / 10, decayRate: 0.9 }),
    cases: [...CASES, { name: "staircase range", kind: "range", options: { staircase: true }, auto: true }],
    loopName: "Math.pow",
    loop({ initValue: a, transitionSteps: T, decayRate: r, staircase }) {
      return (steps, n, out) => {
        for (let i = 0; i < n; i++) {
          const d = stepOf(steps, i);
          out[i] = d <= 0 ? a : a * Math.pow(r, staircase ? Math.floor(d / T) : d / T);
        }
        return out;
      };
    },
    tfjs: ({ initValue: a, transitionSteps: T, decayRate: r, staircase }, t) => {
      let p = tf.div(t, T);
      if (staircase) p = tf.floor(p);
      return tf.where(tf.lessEqual(t, 0), tf.fill(t.shape, a), tf.mul(a, tf.pow(r, p)));
    },
    targets: [["float32", "range", "simd", "loop", 1], ["float32", "shuffled integers", "simd", "loop", 1], ["float32", "staircase range", "auto", "fill", 3]],
  },
  {
    name: "optax.cosine_decay_schedule",
    make: (o) => optax.cosineDecaySchedule(o),
    oracle: cosineOracle,
    options: (n) => ({ initValue: 0.1, decaySteps: n, alpha: 0.01 }),
    cases: CASES,
    loopName: "Math.cos",
    loop({ initValue: a, decaySteps: D, alpha }) {
      return (steps, n, out) => {
        for (let i = 0; i < n; i++) out[i] = a * ((1 - alpha) * (0.5 * (1 + Math.cos((Math.PI * Math.min(stepOf(steps, i), D)) / D))) + alpha);
        return out;
      };
    },
    tfjs: ({ initValue: a, decaySteps: D, alpha }, t) =>
      tf.mul(a, tf.add(tf.mul(1 - alpha, tf.mul(0.5, tf.add(1, tf.cos(tf.div(tf.mul(Math.PI, tf.minimum(t, D)), D))))), alpha)),
    targets: [["float32", "range", "simd", "loop", 1], ["float32", "shuffled integers", "simd", "loop", 1]],
  },
  {
    name: "optax.warmup_cosine_decay_schedule",
    make: (o) => optax.warmupCosineDecaySchedule(o),
    oracle: warmupCosineOracle,
    // A tenth of the counts warming up from 0 to 0.1, then the cosine down to 1e-4 (decay_steps counts the warm-up).
    options: (n) => ({ initValue: 0, peakValue: 0.1, warmupSteps: n / 10, decaySteps: n, endValue: 1e-4 }),
    cases: CASES,
    loopName: "Math.cos",
    loop({ initValue: a, peakValue: p, warmupSteps: W, decaySteps: D, endValue: e }) {
      const alpha = e / p;
      return (steps, n, out) => {
        for (let i = 0; i < n; i++) {
          const t = stepOf(steps, i);
          out[i] = t < W ? (a - p) * (1 - t / W) + p : p * ((1 - alpha) * (0.5 * (1 + Math.cos((Math.PI * Math.min(t - W, D - W)) / (D - W)))) + alpha);
        }
        return out;
      };
    },
    tfjs: ({ initValue: a, peakValue: p, warmupSteps: W, decaySteps: D, endValue: e }, t) => {
      const alpha = e / p;
      const warm = tf.add(tf.mul(a - p, tf.sub(1, tf.div(t, W))), p);
      const c = tf.minimum(tf.sub(t, W), D - W);
      const cos = tf.mul(p, tf.add(tf.mul(1 - alpha, tf.mul(0.5, tf.add(1, tf.cos(tf.div(tf.mul(Math.PI, c), D - W))))), alpha));
      return tf.where(tf.less(t, W), warm, cos);
    },
    // Issue 21: a million float32 steps at least 5x the Math.cos loop.
    targets: [["float32", "range", "simd", "loop", 5], ["float32", "shuffled integers", "simd", "loop", 1]],
  },
  {
    name: "optax.warmup_exponential_decay_schedule",
    make: (o) => optax.warmupExponentialDecaySchedule(o),
    oracle: ({ initValue, peakValue, warmupSteps: W, transitionSteps, decayRate }, dtype) =>
      joinOracle(
        [polynomialOracle({ initValue, endValue: peakValue, power: 1, transitionSteps: W }, dtype), exponentialOracle({ initValue: peakValue, transitionSteps, decayRate }, dtype)],
        [W],
        dtype,
      ),
    options: (n) => ({ initValue: 0, peakValue: 0.1, warmupSteps: n / 10, transitionSteps: n / 10, decayRate: 0.9 }),
    cases: CASES,
    loopName: "Math.pow",
    loop({ initValue: a, peakValue: p, warmupSteps: W, transitionSteps: T, decayRate: r }) {
      return (steps, n, out) => {
        for (let i = 0; i < n; i++) {
          const t = stepOf(steps, i);
          out[i] = t < W ? (a - p) * (1 - t / W) + p : t - W <= 0 ? p : p * Math.pow(r, (t - W) / T);
        }
        return out;
      };
    },
    tfjs: ({ initValue: a, peakValue: p, warmupSteps: W, transitionSteps: T, decayRate: r }, t) =>
      tf.where(tf.less(t, W), tf.add(tf.mul(a - p, tf.sub(1, tf.div(t, W))), p), tf.mul(p, tf.pow(r, tf.div(tf.sub(t, W), T)))),
    targets: [["float32", "range", "simd", "loop", 1], ["float32", "shuffled integers", "simd", "loop", 1]],
  },
  {
    name: "optax.piecewise_constant_schedule",
    make: (o) => optax.piecewiseConstantSchedule(o),
    oracle: ({ initValue, boundariesAndScales }, dtype) => {
      const ops = arithmetic(dtype);
      const pairs = [...boundariesAndScales].sort((x, y) => x[0] - y[0]);
      return (t) => {
        let v = ops.round(initValue);
        for (const [b, s] of pairs) {
          const on = Math.max(0, Math.sign(isub(b, t, dtype)));
          v = ops.add(ops.mul(v, on), ops.mul(ops.mul(ops.sub(1, on), ops.round(s)), v));
        }
        return v;
      };
    },
    options: (n) => ({ initValue: 0.1, boundariesAndScales: [0.3, 0.6, 0.85].map((f, i) => [Math.round(f * n), [0.5, 0.4, 0.5][i]]) }),
    cases: [{ name: "range", kind: "range", auto: true }, CASES[1]],
    loopName: "if chain",
    loop({ initValue: a, boundariesAndScales: pairs }) {
      return (steps, n, out) => {
        for (let i = 0; i < n; i++) {
          const t = stepOf(steps, i);
          let v = a;
          for (const [b, s] of pairs) if (t >= b) v *= s;
          out[i] = v;
        }
        return out;
      };
    },
    tfjs: ({ initValue: a, boundariesAndScales: pairs }, t) => {
      let v = tf.fill(t.shape, a);
      for (const [b, s] of pairs) v = tf.where(tf.greaterEqual(t, b), tf.mul(v, s), v);
      return v;
    },
    targets: [["float32", "range", "auto", "fill", 3], ["float32", "shuffled integers", "simd", "loop", 1]],
  },
  {
    name: "optax.linear_onecycle_schedule",
    make: (o) => optax.linearOnecycleSchedule(o),
    oracle: ({ transitionSteps: T, peakValue: p }, dtype) =>
      interpolateOracle("linear", p / 25, dict([[Math.trunc(0.3 * T), 25], [Math.trunc(0.85 * T), 1 / 25], [T, 1 / 1e4]]), dtype),
    options: (n) => ({ transitionSteps: n, peakValue: 0.1 }),
    cases: CASES,
    loopName: "if chain",
    loop({ transitionSteps: T, peakValue: p }) {
      const b = [0, Math.trunc(0.3 * T), Math.trunc(0.85 * T), T];
      const v = [p / 25, p, p / 25, p / 25 / 1e4];
      return (steps, n, out) => {
        for (let i = 0; i < n; i++) {
          const t = stepOf(steps, i);
          let r = t >= T ? v[3] : 0;
          for (let j = 0; j < 3; j++) if (t >= b[j] && t < b[j + 1]) r = (v[j + 1] - v[j]) * ((t - b[j]) / (b[j + 1] - b[j])) + v[j];
          out[i] = r;
        }
        return out;
      };
    },
    tfjs: ({ transitionSteps: T, peakValue: p }, t) => {
      const b = [0, Math.trunc(0.3 * T), Math.trunc(0.85 * T), T];
      const v = [p / 25, p, p / 25, p / 25 / 1e4];
      let out = tf.mul(tf.cast(tf.greaterEqual(t, T), "float32"), v[3]);
      for (let j = 0; j < 3; j++) {
        const on = tf.cast(tf.logicalAnd(tf.greaterEqual(t, b[j]), tf.less(t, b[j + 1])), "float32");
        out = tf.add(out, tf.mul(on, tf.add(tf.mul(v[j + 1] - v[j], tf.div(tf.sub(t, b[j]), b[j + 1] - b[j])), v[j])));
      }
      return out;
    },
    targets: [["float32", "range", "simd", "loop", 1], ["float32", "shuffled integers", "simd", "loop", 1]],
  },
  {
    name: "optax.cosine_onecycle_schedule",
    make: (o) => optax.cosineOnecycleSchedule(o),
    oracle: ({ transitionSteps: T, peakValue: p }, dtype) => interpolateOracle("cosine", p / 25, dict([[Math.trunc(0.3 * T), 25], [T, 1 / (25 * 1e4)]]), dtype),
    options: (n) => ({ transitionSteps: n, peakValue: 0.1 }),
    cases: CASES,
    loopName: "Math.cos",
    loop({ transitionSteps: T, peakValue: p }) {
      const b = [0, Math.trunc(0.3 * T), T];
      const v = [p / 25, p, p / 25 / 1e4];
      return (steps, n, out) => {
        for (let i = 0; i < n; i++) {
          const t = stepOf(steps, i);
          let r = t >= T ? v[2] : 0;
          for (let j = 0; j < 2; j++)
            if (t >= b[j] && t < b[j + 1]) r = v[j + 1] + ((v[j] - v[j + 1]) / 2) * (Math.cos(Math.PI * ((t - b[j]) / (b[j + 1] - b[j]))) + 1);
          out[i] = r;
        }
        return out;
      };
    },
    tfjs: ({ transitionSteps: T, peakValue: p }, t) => {
      const b = [0, Math.trunc(0.3 * T), T];
      const v = [p / 25, p, p / 25 / 1e4];
      let out = tf.mul(tf.cast(tf.greaterEqual(t, T), "float32"), v[2]);
      for (let j = 0; j < 2; j++) {
        const on = tf.cast(tf.logicalAnd(tf.greaterEqual(t, b[j]), tf.less(t, b[j + 1])), "float32");
        const pct = tf.div(tf.sub(t, b[j]), b[j + 1] - b[j]);
        out = tf.add(out, tf.mul(on, tf.add(v[j + 1], tf.mul((v[j] - v[j + 1]) / 2, tf.add(tf.cos(tf.mul(Math.PI, pct)), 1)))));
      }
      return out;
    },
    targets: [["float32", "range", "simd", "loop", 1], ["float32", "shuffled integers", "simd", "loop", 1]],
  },
  {
    name: "optax.sgdr_schedule",
    make: ({ lengths, dtype }) => optax.sgdrSchedule({ cosineKwargs: lengths.map((L) => ({ initValue: 0, peakValue: 0.1, warmupSteps: L / 10, decaySteps: L })), dtype }),
    oracle: ({ lengths }, dtype) => {
      const boundaries = [];
      let at = 0;
      for (const L of lengths.slice(0, -1)) boundaries.push((at += L));
      return joinOracle(lengths.map((L) => warmupCosineOracle({ initValue: 0, peakValue: 0.1, warmupSteps: L / 10, decaySteps: L }, dtype)), boundaries, dtype);
    },
    // Three cycles of 20%, 30% and 50% of the counts, each a tenth warm-up and a cosine to 0.
    options: (n) => ({ lengths: [0.2 * n, 0.3 * n, 0.5 * n] }),
    cases: CASES,
    loopName: "Math.cos",
    loop({ lengths }) {
      return (steps, n, out) => {
        for (let i = 0; i < n; i++) {
          let t = stepOf(steps, i);
          let k = 0;
          while (k < lengths.length - 1 && t >= lengths[k]) t -= lengths[k++];
          const W = lengths[k] / 10;
          const D = lengths[k] - W;
          out[i] = t < W ? -0.1 * (1 - t / W) + 0.1 : 0.1 * (0.5 * (1 + Math.cos((Math.PI * Math.min(t - W, D)) / D)));
        }
        return out;
      };
    },
    tfjs: ({ lengths }, t) => {
      let out = tf.zerosLike(t);
      let at = 0;
      for (const L of lengths) {
        const W = L / 10;
        const D = L - W;
        const s = tf.sub(t, at);
        const v = tf.where(tf.less(s, W), tf.add(tf.mul(-0.1, tf.sub(1, tf.div(s, W))), 0.1), tf.mul(0.1, tf.mul(0.5, tf.add(1, tf.cos(tf.div(tf.mul(Math.PI, tf.minimum(tf.sub(s, W), D)), D))))));
        out = tf.where(tf.greaterEqual(t, at), v, out);
        at += L;
      }
      return out;
    },
    targets: [["float32", "range", "simd", "loop", 1], ["float32", "shuffled integers", "simd", "loop", 1]],
  },
];

export const OPTAX_SPECS = SPECS.map((spec) => ({ ...spec, targets: [...spec.targets, ...FLOAT64_TARGETS] }));
