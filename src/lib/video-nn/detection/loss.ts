/**
 * The detector's loss in tfjs-core ops (so gradients exist): softmax
 * cross-entropy over the action classes and background on every real step,
 * plus 1 − tIoU between the predicted and the true [c − d_start, c + d_end]
 * on the positive steps only (ActionFormer's IoU-style regression loss; in
 * 1-D, with both intervals containing c, the intersection is
 * min(d̂s, ds) + min(d̂e, de) and the union max(d̂s, ds) + max(d̂e, de)).
 * Each term is averaged over the steps it covers.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { DetectorGeometry, StepTargets } from './targets';

export interface BatchTargets {
  /** N·S labels, N·S·2 distances, N·S masks, concatenated over the batch. */
  labels: Int32Array;
  distances: Float32Array;
  valid: Float32Array;
  positive: Float32Array;
}

export function concatTargets(targets: readonly StepTargets[]): BatchTargets {
  const cat = <T extends Int32Array | Float32Array>(parts: T[], make: (n: number) => T): T => {
    const out = make(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  return {
    labels: cat(targets.map((t) => t.labels), (n) => new Int32Array(n)),
    distances: cat(targets.map((t) => t.distances), (n) => new Float32Array(n)),
    valid: cat(targets.map((t) => t.valid), (n) => new Float32Array(n)),
    positive: cat(targets.map((t) => t.positive), (n) => new Float32Array(n)),
  };
}

export interface LossParts {
  loss: tf.Scalar;
  classification: tf.Scalar;
  regression: tf.Scalar;
  /** Per step: the predicted class (argmax over classes + background). */
  predicted: tf.Tensor1D;
}

/** `output`: the model's N×S×1×1×(classes + 3) output. */
export function detectorLoss(output: tf.Tensor, t: BatchTargets, g: DetectorGeometry, regressionWeight = 1): LossParts {
  const k = g.classes + 1;
  const rows = tf.reshape(output, [-1, k + 2]) as tf.Tensor2D;
  const n = rows.shape[0];
  if (n !== t.labels.length) throw new Error(`detectorLoss: ${n} output steps, ${t.labels.length} targets`);
  const logits = tf.slice(rows, [0, 0], [n, k]);
  const valid = tf.tensor1d(t.valid);
  const positive = tf.tensor1d(t.positive);
  const hot = new Float32Array(n * k);
  t.labels.forEach((label, i) => (hot[i * k + label] = 1));
  const onehot = tf.tensor2d(hot, [n, k]);
  const ce = tf.neg(tf.sum(tf.mul(onehot, tf.logSoftmax(logits)), 1));
  const classification = tf.div(tf.sum(tf.mul(ce, valid)), Math.max(1, sum(t.valid))) as tf.Scalar;

  const d = tf.mul(tf.softplus(tf.slice(rows, [0, k], [n, 2])), g.scale);
  const target = tf.tensor2d(t.distances, [n, 2]);
  const inter = tf.sum(tf.minimum(d, target), 1);
  const union = tf.sum(tf.maximum(d, target), 1);
  const iou = tf.div(inter, tf.add(union, 1e-6));
  const regression = tf.div(tf.sum(tf.mul(tf.sub(1, iou), positive)), Math.max(1, sum(t.positive))) as tf.Scalar;
  return { loss: tf.add(classification, tf.mul(regression, regressionWeight)) as tf.Scalar, classification, regression, predicted: tf.argMax(logits, 1) as tf.Tensor1D };
}

function sum(values: Float32Array): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}
