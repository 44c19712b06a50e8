/**
 * build(spec) → VideoModel: a small model class on tfjs-core (no tfjs-layers).
 * It holds the spec's variables, named after its layers, and runs the spec's
 * graph (forward.ts). Its parameter count is, by construction, what analyze()
 * counts: the same spec decides both.
 */
import * as tf from '@tensorflow/tfjs-core';
import { analyze, type Analysis } from '../analysis/analyze';
import { formatShape } from '../layers/shapes';
import type { ClipShape, ModelSpec } from '../spec/types';
import { runLayers, type ForwardContext } from './forward';
import { specConstants, specVariables, type AdjacencyOption } from './params';

export interface BuildOptions {
  /** Seed of the initial weights; default 0. Same spec + seed → same weights everywhere. */
  seed?: number;
  /** The clip the model takes; default the spec's defaultInput. */
  input?: ClipShape;
  /** Graph convolutions' [K, V, V] adjacency (one for all, or by layer name); default COCO's 17-joint partition. */
  adjacency?: AdjacencyOption;
}

export interface WeightInfo {
  /** The spec name, e.g. `layer1.0.conv1.0.weight`. */
  name: string;
  /** tfjs layout (conv: kT×kH×kW×Cin/groups×Cout; linear: in×out). */
  shape: number[];
  /** False for batch-norm running statistics. */
  trainable: boolean;
}

/** A tensor, or raw values in row-major tfjs layout. */
export type WeightValue = tf.Tensor | Float32Array | readonly number[];

export interface TrainingOptions {
  /** Seeds the dropout masks of this call; default: a counter advanced per call (from the build seed). */
  dropoutSeed?: number;
  /** Momentum of the BN running-statistic update (PyTorch's 0.1); null leaves the statistics alone. */
  momentum?: number | null;
}

let modelCount = 0;

export class VideoModel {
  readonly spec: ModelSpec;
  readonly input: ClipShape;
  readonly analysis: Analysis;
  /** One clip, tfjs layout: [T, H, W, C]. */
  readonly inputShape: readonly [number, number, number, number];
  /** One clip's output, tfjs layout: [T, H, W, C] for a volume, [F] for features. */
  readonly outputShape: readonly number[];
  readonly seed: number;
  private readonly variables = new Map<string, { variable: tf.Variable; trainable: boolean }>();
  private readonly constants = new Map<string, tf.Tensor>();
  private trainingCalls = 0;
  private isDisposed = false;

  constructor(spec: ModelSpec, options: BuildOptions = {}) {
    this.spec = spec;
    this.input = options.input ?? spec.defaultInput;
    this.seed = options.seed ?? 0;
    // Rejects a bad spec with the analysis's message (layer name and mismatch) before any tensor exists.
    this.analysis = analyze(spec, this.input);
    const { frames, height, width, channels } = this.input;
    this.inputShape = [frames, height, width, channels];
    this.outputShape = toTfjsLayout(this.analysis.outputShape);
    const prefix = `vnn${++modelCount}`;
    // Constants first: they can refuse the spec (a graph without an adjacency) before weights are allocated.
    for (const c of specConstants(spec.layers, options.adjacency)) this.constants.set(c.name, tf.tensor(c.values, c.shape, 'float32'));
    for (const v of specVariables(spec.layers, this.seed)) {
      // tfjs wants globally unique variable names; ours stay the spec's names.
      const initial = tf.tensor(v.values(), v.shape, 'float32');
      const variable = tf.variable(initial, v.trainable, `${prefix}/${v.name}`);
      initial.dispose();
      this.variables.set(v.name, { variable, trainable: v.trainable });
    }
  }

  /** Inference on an N×T×H×W×C batch: BN uses running statistics, dropout does nothing. */
  predict(x: tf.Tensor): tf.Tensor {
    return this.run(x, { variable: this.variable, constant: this.constant, mode: 'inference' });
  }

  /**
   * Training-mode forward pass, for a training loop to differentiate: BN
   * normalises with the batch's statistics (and updates the running ones), dropout
   * is active with seeded masks.
   */
  predictTraining(x: tf.Tensor, options: TrainingOptions = {}): tf.Tensor {
    const dropoutSeed = options.dropoutSeed ?? this.seed * 1_000_003 + this.trainingCalls++;
    const momentum = options.momentum === null ? undefined : (options.momentum ?? 0.1);
    return this.run(x, { variable: this.variable, constant: this.constant, mode: 'training', dropoutSeed, momentum });
  }

  /** Trainable parameters: weights, biases, BN scale and shift (not running statistics), as analyze() counts. */
  countParams(): number {
    let total = 0;
    for (const { variable, trainable } of this.variables.values()) if (trainable) total += variable.size;
    return total;
  }

  get trainableVariables(): tf.Variable[] {
    return [...this.variables.values()].filter((v) => v.trainable).map((v) => v.variable);
  }

  /** Every variable, in layer order, with its spec name and tfjs-layout shape. */
  weights(): WeightInfo[] {
    return [...this.variables].map(([name, v]) => ({ name, shape: [...v.variable.shape], trainable: v.trainable }));
  }

  /** The variable holding a weight, by spec name. */
  readonly variable = (name: string): tf.Variable => {
    this.checkAlive();
    const entry = this.variables.get(name);
    if (!entry) throw new Error(`${this.spec.id}: no weight named "${name}"`);
    return entry.variable;
  };

  private readonly constant = (name: string): tf.Tensor => {
    const c = this.constants.get(name);
    if (!c) throw new Error(`${this.spec.id}: no constant named "${name}"`);
    return c;
  };

  /**
   * Replaces some or all weights. Every name must exist and every shape match;
   * the check covers all entries before any is written, so a bad map changes nothing.
   */
  setWeights(values: ReadonlyMap<string, WeightValue> | Readonly<Record<string, WeightValue>>): void {
    this.checkAlive();
    const entries: [string, WeightValue][] = values instanceof Map ? [...values] : Object.entries(values);
    const checked = entries.map(([name, value]) => {
      const target = this.variable(name);
      const shape = value instanceof tf.Tensor ? value.shape : [value.length];
      const same = value instanceof tf.Tensor ? formatShape(shape) === formatShape(target.shape) : shape[0] === target.size;
      if (!same) {
        throw new Error(`${this.spec.id}: weight "${name}" should have shape ${formatShape(target.shape)} (${target.size} values), got ${formatShape(shape)}`);
      }
      return [target, value] as const;
    });
    // assign keeps the new data alive; tidy releases the temporaries.
    tf.tidy(() => {
      for (const [target, value] of checked) {
        // Arrays are copied so the caller's buffer and the model never share memory.
        target.assign(value instanceof tf.Tensor ? tf.cast(value, 'float32') : tf.tensor(value instanceof Float32Array ? value.slice() : Float32Array.from(value), target.shape, 'float32'));
      }
    });
  }

  dispose(): void {
    if (this.isDisposed) return;
    for (const { variable } of this.variables.values()) variable.dispose();
    for (const c of this.constants.values()) c.dispose();
    this.variables.clear();
    this.constants.clear();
    this.isDisposed = true;
  }

  get disposed(): boolean {
    return this.isDisposed;
  }

  private run(x: tf.Tensor, ctx: ForwardContext): tf.Tensor {
    this.checkAlive();
    this.checkInput(x);
    return tf.tidy(() => {
      const out = runLayers(this.spec.layers, { x }, ctx);
      // Tokens: one sequence per clip comes out as [N, L, D], per frame as [N, T, L, D] (the analysis's shapes).
      return out.tokens && !out.tokens.perFrame ? tf.squeeze(out.x, [1]) : out.x;
    });
  }

  private checkInput(x: tf.Tensor): void {
    const ok = x.rank === 5 && x.shape[0]! >= 1 && x.shape.slice(1).every((d, i) => d === this.inputShape[i]);
    if (!ok) {
      const expected = formatShape(['N', ...this.inputShape]);
      throw new Error(`${this.spec.id}: expected an input of shape ${expected} (N×T×H×W×C), got ${formatShape(x.shape)}`);
    }
  }

  private checkAlive(): void {
    if (this.isDisposed) throw new Error(`${this.spec.id}: the model has been disposed`);
  }
}

/** Analysis shapes are channels first ([C, T, H, W], [F] or tokens [L, D] / [T, L, D]); tfjs's volumes are channels last. */
export function toTfjsLayout(shape: readonly number[]): number[] {
  return shape.length === 4 ? [shape[1]!, shape[2]!, shape[3]!, shape[0]!] : [...shape];
}

/** Builds a spec into a model with deterministic initial weights. */
export function build(spec: ModelSpec, options: BuildOptions = {}): VideoModel {
  return new VideoModel(spec, options);
}
