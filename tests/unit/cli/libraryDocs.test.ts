import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractExamples, fillDocument } from '../../../scripts/vnn/docExamples';

const root = fileURLToPath(new URL('../../..', import.meta.url)).replace(/\/$/, '');
const markdown = readFileSync(`${root}/docs/library.md`, 'utf8');

describe('docs/library.md', () => {
  it('has runnable examples of specs, analysis, costs, formatting, the catalogue and the CLI', () => {
    const examples = extractExamples(markdown);
    const code = examples.map((e) => e.code).join('\n');
    for (const name of ['analyze(', 'subtotal(', 'mmcvFlops(', 'SpecError', 'attentionCost(', 'intermediateWidth(', 'slowFastBudget(', 'formatCost(', 'findEntry(', 'checkReferences(', 'npm run -s vnn -- list', 'npm run -s vnn -- analyze']) {
      expect(code, name).toContain(name);
    }
    expect(examples.every((e) => e.output.trim().length > 0)).toBe(true);
  });

  it('shows what its examples really print, and the current reference figures', { timeout: 120_000 }, () => {
    // On failure regenerate with: npx tsx scripts/vnn/docExamples.ts --write
    expect(fillDocument(markdown, root)).toBe(markdown);
  });
});
