import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractExamples, fillDocument, GENERATED_SECTIONS, libraryDocPaths } from '../../../scripts/vnn/docExamples';

const root = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '');
/** docs/library.md (the overview) and the module pages docs/library/*.md. */
const files = libraryDocPaths(root);
const docs = new Map(files.map((file) => [file, readFileSync(`${root}/${file}`, 'utf8')]));
const examples = [...docs.values()].flatMap(extractExamples);
const code = examples.map((e) => e.code).join('\n');

describe('docs/library.md and docs/library/*.md', () => {
  it('has runnable examples of specs, analysis, costs, formatting, the catalogue and the CLI', () => {
    for (const name of ['analyze(', 'subtotal(', 'mmcvFlops(', 'SpecError', 'attentionCost(', 'intermediateWidth(', 'slowFastBudget(', 'formatCost(', 'findEntry(', 'checkReferences(', 'npm run -s vnn -- list', 'npm run -s vnn -- analyze']) {
      expect(code, name).toContain(name);
    }
    expect(examples.every((e) => e.output.trim().length > 0)).toBe(true);
  });

  it('has runnable examples of the models, layers, runtime and data modules, the tiny variants and X3D expansion', () => {
    const names = {
      models: ['build(', '.predict(', '.predictTraining(', '.countParams()', '.weights()', '.setWeights(', '.dispose()', 'inflateSpec(', 'inflateModel(', 'weightsToFlat(', 'weightsFromFlat(', 'exportWeights(', 'importWeights(', 'sha256Hex(', 'verifySha256(', 'loadWeightsFromUrl(', 'loadModel('],
      layers: [
        'conv3d(', 'conv2plus1d(', 'midWidth(', 'inflateKernel(', 'temporalShift(', 'residualShift(', 'inPlaceShift(', 'nonLocal(', 'timeToChannel(', 'timeStridedConv(', 'fuseIntoSlow(',
        'tubeletEmbed(', 'multiHeadAttention(', 'fullSpaceTimeAttention(', 'dividedSpaceTimeAttention(', 'factorisedEncoder(', 'fullAttentionMap(', 'dividedAttentionMaps(', 'factorisedAttentionMaps(',
        'tubeMask(', 'gatherVisible(', 'graphConv(', 'COCO_SKELETON', 'spatialPartition(', 'temporalConv1d(', 'temporalConvPyramid(', 'causalTemporalConv(', 'createCausalConvStream(', 'maxPool3d(', 'pad5d(',
      ],
      runtime: ['loadRuntime(', 'tryBackend(', 'webglAvailable(', 'selfTest(', 'modelSelfTest(', 'maxOutputDifference(', 'timeForward(', 'gmacPerSecond('],
      data: ['motionDirection(', 'somethingLite(', 'stickFigures(', 'untrimmed(', 'batch(', 'uniformSegments(', 'randomStart(', 'denseClips(', 'multiClip(', 'slowFastPathways(', 'gatherFrames(', 'frameToRGBA('],
      other: ['TINY_VARIANTS', 'x3dExpansion('],
    };
    for (const name of Object.values(names).flat()) expect(code, name).toContain(name);
  });

  it('links every module page from the overview, and back', () => {
    const overview = docs.get('docs/library.md')!;
    expect(files.length).toBeGreaterThan(1);
    for (const file of files.slice(1)) {
      expect(overview, file).toContain(`](${file.slice('docs/'.length)})`);
      expect(docs.get(file), file).toContain('](../library.md)');
    }
  });

  it('has each generated reference section exactly once', () => {
    for (const name of GENERATED_SECTIONS) {
      const holders = files.filter((file) => docs.get(file)!.includes(`<!-- ${name}:start -->`) && docs.get(file)!.includes(`<!-- ${name}:end -->`));
      expect(holders, name).toHaveLength(1);
    }
  });

  // The pages run concurrently (each example is its own process; runExample limits how many run at once).
  for (const file of files) {
    it.concurrent(`${file} shows what its examples really print, and the current reference figures`, { timeout: 300_000 }, async ({ expect }) => {
      // On failure regenerate with: npx tsx scripts/vnn/docExamples.ts --write
      const markdown = docs.get(file)!;
      expect(await fillDocument(markdown, root)).toBe(markdown);
    });
  }
});
