/** Command-line parsing for scripts/train.ts (pure, so it can be tested). */
export interface TrainArgs {
  modelId?: string;
  epochs?: number;
  seed?: number;
  trainClips?: number;
  patience?: number;
  learningRate?: number;
  schedule?: 'constant' | 'cosine';
  out?: string;
  help: boolean;
}

export const USAGE = `Usage: npm run train -- <model-id> [--epochs N] [--seed S] [--train-clips N] [--patience N] [--lr X] [--schedule constant|cosine] [--out DIR] [--help]
Trains a model on its procedural dataset and writes <out>/<model-id>/{model.json,weights.bin,manifest.json}
(default out: public/weights). --seed seeds the initial weights and the batch order; --patience, --lr and
--schedule override the model's defaults (epochs without a better validation accuracy before
stopping, learning rate, learning-rate schedule).`;

const INTEGER: Record<string, 'epochs' | 'seed' | 'trainClips' | 'patience'> = { '--epochs': 'epochs', '--seed': 'seed', '--train-clips': 'trainClips', '--patience': 'patience' };

/** Throws an Error with a one-line message on a bad argument. */
export function parseTrainArgs(argv: readonly string[]): TrainArgs {
  const out: TrainArgs = { help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') out.help = true;
    else if (a in INTEGER || a === '--out' || a === '--lr' || a === '--schedule') {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      if (a === '--out') out.out = v;
      else if (a === '--schedule') {
        if (v !== 'constant' && v !== 'cosine') throw new Error(`--schedule must be constant or cosine, got "${v}"`);
        out.schedule = v;
      } else if (a === '--lr') {
        const x = Number(v);
        if (!(x > 0 && x < 1)) throw new Error(`--lr must be a number between 0 and 1, got "${v}"`);
        out.learningRate = x;
      } else {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0) throw new Error(`${a} must be a non-negative integer, got "${v}"`);
        out[INTEGER[a]!] = n;
      }
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a}`);
    else if (out.modelId === undefined) out.modelId = a;
    else throw new Error(`unexpected argument "${a}"`);
  }
  return out;
}
