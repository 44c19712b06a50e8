// The fusion widget's pure parts: its state, the receptive-field table and the diagram along time.
// Expected receptive fields are worked by hand from kernels and strides (size += (k − 1)·jump, jump *= stride).
import { describe, expect, it } from 'vitest';
import { FUSION_KINDS, fusionTable, reachableFrames, timeGraph, type Network } from '../../src/components/FusionCompare/fusionAnalysis';
import { tracedRow, tracedUnit, describeDiagram } from '../../src/components/FusionCompare/diagram';
import { DEFAULT_STATE, describe as describeFigure, describeAccuracy, parseState, toQuery } from '../../src/components/FusionCompare/state';
import type { FusionKind } from '../../src/lib/video-nn/spec/teaching';

const temporal = (kind: FusionKind, net: Network = 'example') => fusionTable(kind, net).rows.map((r) => r.temporal);
const spatial = (kind: FusionKind, net: Network = 'example') => fusionTable(kind, net).rows.map((r) => r.spatial);

describe('fusion widget state', () => {
  it('defaults to late fusion on the worked example, batch seed 1, 64 clips', () => {
    expect(DEFAULT_STATE).toEqual({ fusion: 'late', net: 'example', seed: 1, clips: 64 });
    expect(parseState([])).toEqual({ state: DEFAULT_STATE, notes: [] });
    expect(toQuery(DEFAULT_STATE)).toBe('');
  });

  it('reads and writes every setting through a query', () => {
    const { state, notes } = parseState(new URLSearchParams('fusion=slow&net=trained&seed=42&clips=128'));
    expect(notes).toEqual([]);
    expect(state).toEqual({ fusion: 'slow', net: 'trained', seed: 42, clips: 128 });
    expect(parseState(new URLSearchParams(toQuery(state))).state).toEqual(state);
  });

  it('falls back with a note on malformed or unknown values, and never echoes markup as more than text', () => {
    const { state, notes } = parseState(new URLSearchParams('fusion=medium&seed=-1&clips=65&net=<b>x</b>&colour=red'));
    expect(state).toEqual(DEFAULT_STATE);
    expect(notes).toHaveLength(5);
    expect(notes[0]).toBe('Ignored fusion “medium”: expected one of single, late, early, slow. Using late.');
    expect(notes[1]).toMatch(/^Ignored batch seed “-1”: expected a whole number from 0 to 4,294,967,295\./);
    expect(notes[2]).toMatch(/^Ignored clips “65”: expected one of 32, 64, 128, 256/);
    expect(notes[3]).toMatch(/^Ignored network “<b>x<\/b>”/);
    expect(notes[4]).toBe('Ignored unknown setting “colour”.');
    // Keys handled elsewhere (the embed's theme) are not reported.
    expect(parseState(new URLSearchParams('theme=dark'), ['theme']).notes).toEqual([]);
  });
});

describe("chapter 2's worked example (3×20×64×64), as the widget's table shows it", () => {
  it('names the layers in order, ending where spatial processing ends', () => {
    expect(fusionTable('late', 'example').rows.map((r) => r.name)).toEqual(['conv1', 'pool1', 'conv2', 'fc']);
    for (const kind of ['single', 'early', 'slow'] as const) {
      expect(fusionTable(kind, 'example').rows.map((r) => r.name)).toEqual(['conv1', 'pool1', 'conv2', 'globalPool']);
    }
  });

  it('late fusion: 1, 1, 1, then 20 at the classifier; spatial 3, 6, 14, 64', () => {
    expect(temporal('late')).toEqual([1, 1, 1, 20]);
    expect(spatial('late')).toEqual([3, 6, 14, 64]);
    expect(fusionTable('late', 'example').meetsAt).toBe(3);
  });

  it('early fusion: 20 frames at conv1 with a spatial field of 3', () => {
    expect(temporal('early')).toEqual([20, 20, 20, 20]);
    expect(spatial('early')[0]).toBe(3);
    expect(fusionTable('early', 'example').meetsAt).toBe(0);
  });

  it('slow fusion: 3 at conv1, 6 after the pool, 14 after conv2 — in time and in space', () => {
    expect(temporal('slow')).toEqual([3, 6, 14, 20]);
    expect(spatial('slow')).toEqual([3, 6, 14, 64]);
  });

  it('single frame: one frame in, one frame seen everywhere', () => {
    expect(temporal('single')).toEqual([1, 1, 1, 1]);
    expect(fusionTable('single', 'example').meetsAt).toBeUndefined();
  });

  it('describes the operations and output shapes', () => {
    const slow = fusionTable('slow', 'example').rows;
    expect(slow.map((r) => r.what)).toEqual(['conv 3×3×3', 'max pool 4×4×4', 'conv 3×3×3', 'global average pool']);
    expect(slow.map((r) => r.outputShape)).toEqual([[16, 20, 64, 64], [16, 5, 16, 16], [32, 5, 16, 16], [32, 1, 1, 1]]);
    expect(fusionTable('late', 'example').rows[3]!.what).toBe('classifier on 163,840 features');
  });
});

describe('the trained models’ own specs (3×8×32×32, three stride-2 stages)', () => {
  // Per-frame 3×3 stride-2 convs: spatial 3, 3 + 2·2 = 7, 7 + 2·4 = 15, then the whole 32.
  it('single frame and late fusion see one frame until the end; late fusion meets at the classifier', () => {
    expect(temporal('single', 'trained')).toEqual([1, 1, 1, 8]);
    expect(spatial('single', 'trained')).toEqual([3, 7, 15, 32]);
    expect(temporal('late', 'trained')).toEqual([1, 1, 1, 8]);
    expect(fusionTable('late', 'trained').rows.at(-1)!.name).toBe('fc');
  });

  it('early fusion sees all 8 frames in its first layer', () => {
    expect(temporal('early', 'trained')).toEqual([8, 8, 8, 8]);
  });

  it('C3D-tiny grows time as 3, 3 + 2·1 = 5, 5 + 2·2 = 9 (clamped to the 8 frames there are)', () => {
    expect(temporal('slow', 'trained')).toEqual([3, 5, 8, 8]);
    expect(fusionTable('slow', 'trained').analysis.rows.find((r) => r.name === 'stage3.conv')!.unclampedReceptiveField.temporal).toBe(9);
  });
});

describe('the diagram along time', () => {
  it('has the input frames, then one row per table row, with one unit per output frame', () => {
    const g = timeGraph(fusionTable('slow', 'example'));
    expect(g.map((r) => r.size)).toEqual([20, 20, 5, 5, 1]);
    // conv1 (k 3, pad 1) at t = 0 reads frames 0 and 1 (the frame before is padding).
    expect(g[1]!.sources[0]).toEqual([0, 1]);
    expect(g[1]!.sources[10]).toEqual([9, 10, 11]);
    // pool1 (4, stride 4): unit 2 reads conv1's units 8 … 11.
    expect(g[2]!.sources[2]).toEqual([8, 9, 10, 11]);
    expect(g[4]!.sources[0]).toEqual([0, 1, 2, 3, 4]);
  });

  it('traces the same number of frames as the analysis’s temporal receptive field, for every kind and network', () => {
    for (const net of ['example', 'trained'] as const) {
      for (const kind of FUSION_KINDS) {
        const table = fusionTable(kind, net);
        const graph = timeGraph(table);
        graph.slice(1).forEach((row, i) => {
          // An interior unit: the field is not cut by the clip's ends (except where it covers the whole clip).
          const frames = reachableFrames(graph, i + 1, tracedUnit(row));
          expect(frames.length, `${net} ${kind} ${row.name}`).toBe(table.rows[i]!.temporal);
          expect(frames.at(-1)! - frames[0]! + 1, 'contiguous').toBe(frames.length);
        });
      }
    }
  });

  it('highlights one unit of the last convolution and says which frames it sees', () => {
    const table = fusionTable('slow', 'example');
    const graph = timeGraph(table);
    expect(graph[tracedRow(graph)]!.name).toBe('conv2');
    // conv2's unit 2 reads pool units 1 … 3 = conv1 units 4 … 15 = frames 3 … 16 (14 frames).
    expect(reachableFrames(graph, tracedRow(graph), 2)).toEqual(Array.from({ length: 14 }, (_, i) => i + 3));
    expect(describeDiagram({ graph, table })).toContain('One unit of conv2 (highlighted) sees frames 4 to 17; frames first meet at conv1.');
  });
});

describe('the text alternatives', () => {
  it('state every receptive field and where frames meet', () => {
    expect(describeFigure(DEFAULT_STATE)).toBe(
      'Late fusion on the worked example, input 3×20×64×64 (C×T×H×W): after conv1, pool1, conv2 and fc, the temporal receptive field is 1, 1, 1 and 20 frames and the spatial one 3, 6, 14 and 64 pixels. Frames first meet at fc (classifier on 163,840 features).',
    );
    expect(describeFigure({ ...DEFAULT_STATE, fusion: 'single' })).toContain('No layer sees more than one frame.');
    expect(describeFigure({ ...DEFAULT_STATE, fusion: 'slow', net: 'trained' })).toContain('the trained model motion4_c3d, input 3×8×32×32');
  });

  it('state each measured accuracy with its count and the held-out figure', () => {
    const text = describeAccuracy(7, [
      { kind: 'single', correct: 17, count: 64, heldOut: 0.295, heldOutCount: 512 },
      { kind: 'slow', correct: 63, count: 64, heldOut: 0.996, heldOutCount: 512 },
    ], 0.25);
    expect(text).toBe('On 64 fresh clips of 4-way motion direction from seed 7 (chance 25.0%): single frame 26.6% (17 of 64; held out 29.5%) and slow fusion 98.4% (63 of 64; held out 99.6%).');
  });
});
