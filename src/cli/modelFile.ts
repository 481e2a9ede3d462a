import { readFileSync } from 'node:fs';
import { IoError } from '../errors.ts';
import { writeFileAtomic } from '../io/writeFileAtomic.ts';
import type { Activation } from '../nn/activation.ts';
import { type TrainedLayers, type TwoLayerInit, type TwoLayerNet, twoLayerNet } from '../nn/twoLayerNet.ts';
import type { TrainableModel } from '../types.ts';
import { toJsonValue } from './output.ts';

/** The JSON document that stores a two-layer network (written by `ntk adv-train --model-out`). */
export interface TwoLayerModelFile {
  readonly format: 'ntk-toolkit/two-layer-net';
  readonly version: 1;
  readonly inputDim: number;
  readonly width: number;
  readonly activation: Activation;
  readonly train: TrainedLayers;
  readonly init: TwoLayerInit;
  /** Seed of the initial draw: W₀ and the fixed output signs a are regenerated from it. */
  readonly seed: number;
  /** The trained parameters (W row-major, then a if train = 'both'). */
  readonly params: number[];
}

const FORMAT = 'ntk-toolkit/two-layer-net';

/** The text of the model file of a two-layer network (what {@link writeModelFile} writes). */
export function modelFileText(net: TrainableModel): string {
  const n = net as Partial<TwoLayerNet>;
  if (n.kind !== 'twoLayer')
    throw new IoError('model must be a two-layer network to be saved', { fn: 'writeModelFile', arg: 'net' });
  const doc = {
    format: FORMAT,
    version: 1,
    inputDim: n.inputDim,
    width: n.width,
    activation: n.activation,
    train: n.train,
    init: n.init,
    seed: n.seed,
    params: net.params,
  };
  return `${JSON.stringify(toJsonValue(doc))}\n`;
}

/** Saves a two-layer network as a model file (atomically: temporary file, then rename). */
export function writeModelFile(path: string, net: TrainableModel): void {
  writeFileAtomic('writeModelFile', path, modelFileText(net));
}

/** Loads a model file written by {@link writeModelFile}: rebuilds the net from its seed, then sets its parameters. */
export function readModelFile(path: string): TwoLayerNet {
  const fail = (req: string): never => {
    throw new IoError(`${path} must ${req}`, { fn: 'readModelFile', arg: path });
  };
  let doc: Partial<TwoLayerModelFile>;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as Partial<TwoLayerModelFile>;
  } catch (e) {
    const code = (e as { code?: string }).code;
    return fail(
      code !== undefined ? `be a readable file (got ${code})` : `be valid JSON (got ${(e as Error).message})`,
    );
  }
  if (doc === null || typeof doc !== 'object' || doc.format !== FORMAT)
    fail(`be a model file with "format": "${FORMAT}"`);
  const net = twoLayerNet({
    inputDim: doc.inputDim as number,
    width: doc.width as number,
    ...(doc.activation !== undefined ? { activation: doc.activation } : {}),
    ...(doc.train !== undefined ? { train: doc.train } : {}),
    ...(doc.init !== undefined ? { init: doc.init } : {}),
    ...(doc.seed !== undefined ? { seed: doc.seed } : {}),
  });
  const p = doc.params;
  if (
    !Array.isArray(p) ||
    p.length !== net.params.length ||
    p.some((v) => typeof v !== 'number' || !Number.isFinite(v))
  ) {
    fail(`have "params": ${net.params.length} finite numbers for this architecture`);
  }
  net.params.set(p as number[]);
  return net;
}
