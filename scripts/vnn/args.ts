/**
 * Argument parsing for `npm run -s vnn -- …`: pure, no I/O. A parse either gives
 * a command or one line of error text (the caller prints it and exits 2).
 */

export interface FrameSize {
  frames: number;
  height: number;
  width: number;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'list'; json: boolean }
  | { kind: 'analyze'; id: string; input?: FrameSize; json: boolean }
  | { kind: 'weights'; json: boolean }
  | { kind: 'evaluate'; id: string; seed: number; count: number; json: boolean };

/** Largest --count for evaluate (clips are generated on the CPU). */
export const MAX_EVALUATE_COUNT = 10_000;

/** A dataset seed: a plain decimal integer 0 … 2³²−1. */
export function parseSeed(text: string): number | undefined {
  if (!/^\d{1,10}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= 0xffffffff ? n : undefined;
}

/** A clip count: a plain positive decimal integer up to MAX_EVALUATE_COUNT. */
export function parseCount(text: string): number | undefined {
  if (!/^[1-9]\d{0,5}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= MAX_EVALUATE_COUNT ? n : undefined;
}

export type Parsed = { ok: true; command: Command } | { ok: false; error: string };

const fail = (error: string): Parsed => ({ ok: false, error });

/**
 * "16x112x112" (or with ×) → { frames: 16, height: 112, width: 112 }. Only plain
 * positive decimal integers: no signs, exponents, fractions or zero.
 */
export function parseFrameSize(text: string): FrameSize | undefined {
  const match = /^([1-9]\d{0,5})[x×]([1-9]\d{0,5})[x×]([1-9]\d{0,5})$/.exec(text.trim());
  if (!match) return undefined;
  return { frames: Number(match[1]), height: Number(match[2]), width: Number(match[3]) };
}

export function parseArgs(argv: readonly string[]): Parsed {
  if (argv.length === 0 || argv.some((a) => a === '--help' || a === '-h') || argv[0] === 'help') return { ok: true, command: { kind: 'help' } };
  const [name, ...rest] = argv;
  let json = false;
  let input: FrameSize | undefined;
  let seed: number | undefined;
  let count: number | undefined;
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === '--json') {
      json = true;
    } else if (arg === '--input' || arg.startsWith('--input=')) {
      if (name !== 'analyze') return fail(`vnn ${name}: --input only applies to analyze`);
      const value = arg === '--input' ? rest[++i] : arg.slice('--input='.length);
      if (value === undefined) return fail('vnn analyze: --input needs a value TxHxW, e.g. 16x112x112');
      input = parseFrameSize(value);
      if (!input) return fail(`vnn analyze: malformed --input '${value}': expected TxHxW with positive integers, e.g. 16x112x112`);
    } else if (arg === '--seed' || arg.startsWith('--seed=') || arg === '--count' || arg.startsWith('--count=')) {
      const option = arg.startsWith('--seed') ? 'seed' : 'count';
      if (name !== 'evaluate') return fail(`vnn ${name}: --${option} only applies to evaluate`);
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : rest[++i];
      if (value === undefined) return fail(`vnn evaluate: --${option} needs a value, e.g. --${option} ${option === 'seed' ? 7 : 128}`);
      if (option === 'seed') {
        seed = parseSeed(value);
        if (seed === undefined) return fail(`vnn evaluate: malformed --seed '${value}': expected an integer from 0 to 4294967295`);
      } else {
        count = parseCount(value);
        if (count === undefined) return fail(`vnn evaluate: malformed --count '${value}': expected an integer from 1 to ${MAX_EVALUATE_COUNT}`);
      }
    } else if (arg.startsWith('-')) {
      return fail(`vnn ${name}: unknown option '${arg}' (see --help)`);
    } else {
      positional.push(arg);
    }
  }
  switch (name) {
    case 'list':
      if (positional.length > 0) return fail(`vnn list: unexpected argument '${positional[0]}'`);
      return { ok: true, command: { kind: 'list', json } };
    case 'analyze':
      if (positional.length !== 1) return fail(positional.length === 0 ? 'vnn analyze: which model? give an id (see `vnn list`)' : `vnn analyze: one id at a time, got ${positional.length}`);
      return { ok: true, command: { kind: 'analyze', id: positional[0]!, json, ...(input ? { input } : {}) } };
    case 'weights':
      if (positional.length > 0) return fail(`vnn weights: unexpected argument '${positional[0]}'`);
      return { ok: true, command: { kind: 'weights', json } };
    case 'evaluate':
      if (positional.length !== 1) return fail(positional.length === 0 ? 'vnn evaluate: which model? give a shipped model id (see `vnn weights`)' : `vnn evaluate: one id at a time, got ${positional.length}`);
      if (seed === undefined) return fail('vnn evaluate: --seed <n> is required (the dataset seed of the fresh test set)');
      if (count === undefined) return fail('vnn evaluate: --count <k> is required (how many test clips)');
      return { ok: true, command: { kind: 'evaluate', id: positional[0]!, seed, count, json } };
    default:
      return fail(`vnn: unknown command '${name}' (commands: list, analyze, weights, evaluate; see --help)`);
  }
}

export const HELP = `usage: npm run -s vnn -- <command> [options]

Analyse the book's catalogue of video architectures (no tfjs, no GPU), and
list and evaluate the trained models shipped in public/weights.

commands
  list [--json]                         every catalogue id with its default input,
                                        parameters and MACs
  analyze <id> [--input TxHxW] [--json]  the per-layer table of one model: name,
                                        output shape, parameters, MACs, receptive
                                        field (temporal × spatial, in input frames
                                        and pixels); --input changes frames, height
                                        and width (channels stay the model's)
  weights [--json]                      the shipped trained models: id, dataset,
                                        parameters, held-out score and test clips
                                        from their manifests
  evaluate <id> --seed <n> --count <k> [--json]
                                        loads a shipped model (every checksum and
                                        the spec hash verified) and reports its
                                        accuracy on k fresh test clips of its
                                        dataset generated with seed n (tfjs CPU;
                                        the detector reports mAP at tIoU 0.5)
  flow <frame1> <frame2> --out <file.flo> [--json]
                                        dense optical flow (TV-L1) between two
                                        PNG or JPEG images of the same size,
                                        written as a Middlebury .flo file

options
  --json       machine-readable output on stdout
  -h, --help   this text

MACs are multiply-accumulates; FLOPs = 2 × MACs. Shapes are C×T×H×W (channels
first), [features], or [tokens, width] for transformers. Errors: one line on
stderr, exit status 2.

examples
  npm run -s vnn -- list
  npm run -s vnn -- analyze r2plus1d_18 --input 8x112x112
  npm run -s vnn -- analyze timesformer_b --json
  npm run -s vnn -- evaluate motion_slow_fusion --seed 7 --count 128`;
