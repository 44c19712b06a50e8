/**
 * Skeleton graphs for ST-GCN (Yan, Xiong & Lin, AAAI 2018) and its spatial
 * partitioning. No tfjs: the adjacency is plain numbers, usable at build time.
 *
 * Convention (as in the reference code, yysijie/st-gcn net/utils/graph.py and
 * open-mmlab/mmaction2 mmaction/models/utils/graph.py, mode 'stgcn_spatial'):
 * A[k][v·V + w] is the weight with which joint v feeds joint w (w is the "root"
 * being updated), normalised by the root's degree counting itself,
 * A[v][w] = 1 / deg(w), so each joint averages over its neighbourhood.
 * Subsets, in the reference's order (so its weights map one to one):
 *   0 root        — the joint itself;
 *   1 centrifugal — neighbours at least as far from the centre as the root;
 *   2 centripetal — neighbours nearer the centre than the root.
 * The paper measures "distance to the centre of gravity"; the code, and this
 * module, use a fixed centre joint (COCO: the nose, joint 0, as mmaction2).
 */

/** COCO's 17 keypoints, in their standard order. */
export const COCO_JOINTS = [
  'nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear',
  'left_shoulder', 'right_shoulder', 'left_elbow', 'right_elbow', 'left_wrist', 'right_wrist',
  'left_hip', 'right_hip', 'left_knee', 'right_knee', 'left_ankle', 'right_ankle',
] as const;

/** The 16 bones of the COCO skeleton as (child, parent) towards the nose, mmaction2's 'coco' layout. */
export const COCO_EDGES: readonly (readonly [number, number])[] = [
  [15, 13], [13, 11], [16, 14], [14, 12], [11, 5], [12, 6], [9, 7], [7, 5],
  [10, 8], [8, 6], [5, 0], [6, 0], [1, 0], [3, 1], [2, 0], [4, 2],
];

export interface SkeletonGraph {
  joints: number;
  edges: readonly (readonly [number, number])[];
  centre: number;
}

export const COCO_SKELETON: SkeletonGraph = { joints: 17, edges: COCO_EDGES, centre: 0 };

export const PARTITION_SUBSETS = ['root', 'centrifugal', 'centripetal'] as const;

export interface SpatialPartition {
  /** [3, V, V] row-major: subsets in PARTITION_SUBSETS order, then source v, then root w. */
  adjacency: Float32Array;
  shape: [number, number, number];
  /** Hop distance of each joint to the centre (Infinity where the reference code's 1-hop limit hides it). */
  centreDistance: number[];
}

export interface PartitionOptions {
  /**
   * 'shortest-path' (default): the true hop distance to the centre, the paper's
   * definition. 'reference-code': the distance as the reference code computes it,
   * with max_hop = 1, so joints more than one hop from the centre all count as
   * "infinitely" far and compare equal — reproduces its matrices exactly.
   */
  distance?: 'shortest-path' | 'reference-code' | undefined;
}

function checkGraph(g: SkeletonGraph): void {
  if (!Number.isInteger(g.joints) || g.joints < 1) throw new Error(`skeleton: joints must be a positive integer, got ${g.joints}`);
  const ok = (j: number) => Number.isInteger(j) && j >= 0 && j < g.joints;
  for (const [a, b] of g.edges) if (!ok(a) || !ok(b) || a === b) throw new Error(`skeleton: edge (${a}, ${b}) is not between two of the ${g.joints} joints`);
  if (!ok(g.centre)) throw new Error(`skeleton: centre ${g.centre} is not one of the ${g.joints} joints`);
}

/** Hop distances from `from` to every joint (breadth-first; Infinity if unreachable). */
export function hopDistances(g: SkeletonGraph, from: number): number[] {
  checkGraph(g);
  const dist = new Array<number>(g.joints).fill(Infinity);
  dist[from] = 0;
  const queue = [from];
  while (queue.length) {
    const v = queue.shift()!;
    for (const [a, b] of g.edges) {
      const u = a === v ? b : b === v ? a : -1;
      if (u >= 0 && dist[u] === Infinity) {
        dist[u] = dist[v]! + 1;
        queue.push(u);
      }
    }
  }
  return dist;
}

export function spatialPartition(g: SkeletonGraph = COCO_SKELETON, options: PartitionOptions = {}): SpatialPartition {
  checkGraph(g);
  const V = g.joints;
  const neighbours = Array.from({ length: V }, (_, v) => new Set<number>([v]));
  for (const [a, b] of g.edges) {
    neighbours[a]!.add(b);
    neighbours[b]!.add(a);
  }
  let centreDistance = hopDistances(g, g.centre);
  if (options.distance === 'reference-code') centreDistance = centreDistance.map((d) => (d <= 1 ? d : Infinity));
  const adjacency = new Float32Array(3 * V * V);
  for (let w = 0; w < V; w++) {
    const weight = 1 / neighbours[w]!.size;
    for (const v of neighbours[w]!) {
      const subset = v === w ? 0 : centreDistance[v]! >= centreDistance[w]! ? 1 : 2;
      adjacency[(subset * V + v) * V + w] = weight;
    }
  }
  return { adjacency, shape: [3, V, V], centreDistance };
}
