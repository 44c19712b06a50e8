/**
 * Whole-model inflation (I3D, Carreira & Zisserman 2017): a 2-D network applied
 * frame by frame (convs and pools with a time extent of 1) becomes a 3-D one by
 * giving its kernels a time extent and filling them from the 2-D weights —
 * replicated over kT and divided by kT ('mean'), or placed in the centre frame
 * ('centre'); see layers/inflate.ts. Everything else (biases, batch norm, the
 * classifier) is copied. On a static clip the inflated network then computes
 * what the 2-D network computes, which is the point of the recipe: the 3-D model
 * starts where the 2-D one was, and training teaches it time.
 */
import * as tf from '@tensorflow/tfjs-core';
import { inflateKernel } from '../layers/inflate';
import { formatShape } from '../layers/shapes';
import { inflateSpec, type InflateSpecOptions } from '../spec/inflate';
import type { ClipShape, ModelSpec } from '../spec/types';

export { inflateSpec, type InflateSpecOptions };
import { build, type VideoModel } from './model';

export interface InflateModelOptions extends InflateSpecOptions {
  /** How 2-D kernels fill the time axis; default 'mean'. */
  method?: 'mean' | 'centre';
  /** The clip the 3-D model takes; default the 2-D model's input. */
  input?: ClipShape;
}

/**
 * A 3-D model whose weights come from a 2-D one. `spec3d` (default:
 * inflateSpec(model2d.spec, options)) must have the same layers and names; a
 * conv whose 2-D kernel is 1×kH×kW and 3-D kernel kT×kH×kW is inflated, every
 * other weight must have the same shape and is copied.
 */
export function inflateModel(model2d: VideoModel, spec3d?: ModelSpec, options: InflateModelOptions = {}): VideoModel {
  const spec = spec3d ?? inflateSpec(model2d.spec, options);
  const model = build(spec, { seed: model2d.seed, input: options.input ?? model2d.input });
  try {
    const names3d = new Set(model.weights().map((w) => w.name));
    const extra = model2d.weights().find((w) => !names3d.has(w.name));
    if (extra) throw new Error(`inflateModel: the 2-D model's weight "${extra.name}" has no counterpart in ${spec.id}`);
    tf.tidy(() => {
      const values = new Map<string, tf.Tensor>();
      for (const { name, shape } of model.weights()) {
        const source = model2d.weights().some((w) => w.name === name) ? model2d.variable(name) : undefined;
        if (!source) throw new Error(`inflateModel: ${spec.id} has a weight "${name}" that the 2-D model lacks`);
        values.set(name, inflatedValue(name, source, shape, options.method ?? 'mean'));
      }
      model.setWeights(values);
    });
    return model;
  } catch (error) {
    model.dispose();
    throw error;
  }
}

function inflatedValue(name: string, source: tf.Tensor, shape: readonly number[], method: 'mean' | 'centre'): tf.Tensor {
  const from = source.shape;
  if (formatShape(from) === formatShape(shape)) return source;
  const inflatable = from.length === 5 && shape.length === 5 && from[0] === 1 && from.slice(1).every((d, i) => d === shape[i + 1]);
  if (!inflatable) throw new Error(`inflateModel: weight "${name}" is ${formatShape(from)} in the 2-D model and ${formatShape(shape)} in the 3-D one; only a 1×kH×kW kernel can be inflated`);
  return inflateKernel(tf.squeeze(source, [0]) as tf.Tensor4D, shape[0]!, { method });
}
