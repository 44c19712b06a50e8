import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/lib/video-nn/analysis';
import {
  c3dSports1m,
  c3dUcf101,
  fusion,
  i3dInception,
  mc318,
  r2plus1d18,
  r3d18,
  rmc318,
  s3d,
  slowFastR50_4x16,
  small3dCnn,
  x3d,
  type ModelSpec,
} from '../../../src/lib/video-nn/spec';

const specs: ModelSpec[] = [
  c3dUcf101(),
  c3dSports1m(),
  r3d18(),
  mc318(),
  r2plus1d18(),
  rmc318(),
  s3d(),
  i3dInception(),
  x3d({ size: 'm' }),
  slowFastR50_4x16(),
  small3dCnn(),
  fusion({ kind: 'early' }),
];

describe('specs are plain data', () => {
  it.each(specs.map((s) => [s.id, s] as const))('%s survives a JSON round trip and analyses the same', (_id, spec) => {
    const copy = JSON.parse(JSON.stringify(spec)) as ModelSpec;
    expect(copy).toEqual(spec);
    expect(analyze(copy).totals).toEqual(analyze(spec).totals);
  });

  it('ids are unique', () => {
    expect(new Set(specs.map((s) => s.id)).size).toBe(specs.length);
  });
});
