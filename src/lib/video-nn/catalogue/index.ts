/**
 * The architecture catalogue: one typed list of every full-size model the book
 * compares and of the small teaching models, each with its spec, reference
 * figures (with sources and counting conventions) and reported accuracy.
 *
 *   import { CATALOGUE, findEntry, checkReferences } from '.../catalogue';
 *   const entry = findEntry('r3d_18');
 *   checkReferences(entry); // [{ quantity: 'params', printed: '33371472', ours: '33371472', matches: true, ... }, ...]
 */
import { analyze, type Analysis } from '../analysis/analyze';
import { mmcvFlops } from '../analysis/mmcvFlops';
import { CONV_ENTRIES } from './convEntries';
import { MODERN_ENTRIES } from './modernEntries';
import { TEACHING_ENTRIES } from './teachingEntries';
import type { CatalogueEntry, ReferenceFigure } from './types';

export type * from './types';

export const CATALOGUE: readonly CatalogueEntry[] = [...CONV_ENTRIES, ...MODERN_ENTRIES, ...TEACHING_ENTRIES];

/** The ids the catalogue must hold (the list), in the catalogue's order; teaching models follow. */
export const ARCHITECTURE_IDS = [
  'c3d',
  'c3d_sports1m',
  'r3d_18',
  'mc3_18',
  'r2plus1d_18',
  's3d',
  'i3d_inception',
  'i3d_r50',
  'slow_r50',
  'slowfast_r50_4x16',
  'slowfast_r50_8x8',
  'tsm_r50',
  'x3d_xs',
  'x3d_s',
  'x3d_m',
  'x3d_l',
  'timesformer_b',
  'vivit_b_fe',
  'videomae_b',
  'st_gcn',
] as const;

export function catalogueIds(): string[] {
  return CATALOGUE.map((e) => e.id);
}

/** The entry with this id, or undefined. */
export function findEntry(id: string): CatalogueEntry | undefined {
  return CATALOGUE.find((e) => e.id === id);
}

/** Analyse an entry at its default input (or another). */
export function analyseEntry(entry: CatalogueEntry, input = entry.defaultInput): Analysis {
  return analyze(entry.spec(), input);
}

/** Our count of what a reference figure counts, for all of its views. */
export function ourValue(figure: ReferenceFigure, analysis: Analysis): number {
  const one = figure.quantity === 'params' ? analysis.totals.params : figure.quantity === 'macs' ? analysis.totals.macs : mmcvFlops(analysis);
  return figure.quantity === 'params' ? one : one * (figure.views ?? 1);
}

export interface ReferenceCheck {
  figure: ReferenceFigure;
  /** Our value at the figure's scale and printed precision. */
  ours: string;
  /** Our exact value. */
  value: number;
  /** Equal at the printed precision. */
  matches: boolean;
  /** ours / printed − 1. */
  relativeGap: number;
}

function decimals(printed: string): number {
  const dot = printed.indexOf('.');
  return dot < 0 ? 0 : printed.length - dot - 1;
}

export function checkReference(figure: ReferenceFigure, analysis: Analysis): ReferenceCheck {
  const value = ourValue(figure, analysis);
  const ours = (value / figure.scale).toFixed(decimals(figure.printed));
  const reference = Number(figure.printed) * figure.scale;
  return { figure, ours, value, matches: ours === figure.printed, relativeGap: value / reference - 1 };
}

/** Every reference figure of an entry against our analysis at the entry's default input. */
export function checkReferences(entry: CatalogueEntry, analysis = analyseEntry(entry)): ReferenceCheck[] {
  return entry.references.map((f) => checkReference(f, analysis));
}
