/**
 * Model files for every model: the two-layer network file of {@link writeModelFile} plus versioned files
 * for deep ReLU networks and kernel predictors, and one reader that dispatches on `format`.
 */
import { readFileSync } from 'node:fs';
import { IoError } from '../errors.ts';
import { writeFileAtomic } from '../io/writeFileAtomic.ts';
import { kernelFromSpec } from '../kernels/kernelFromSpec.ts';
import type { KernelSpec } from '../kernels/types.ts';
import { type FcReluNet, fcReluNet } from '../nn/fcReluNet.ts';
import type { TwoLayerNet } from '../nn/twoLayerNet.ts';
import { type KernelPredictor, kernelPredictor } from '../regression/kernelPredictor.ts';
import type { DifferentiableModel } from '../types.ts';
import { modelFileText, readModelFile } from './modelFile.ts';
import { toJsonValue } from './output.ts';

const KERNEL_FORMAT = 'ntk-toolkit/kernel-predictor';
const FC_FORMAT = 'ntk-toolkit/fc-relu-net';
const TWO_LAYER_FORMAT = 'ntk-toolkit/two-layer-net';
const VERSION = 1;

/** The JSON document of a kernel predictor (written by `ntk regress --model-out`). */
export interface KernelModelFile {
  readonly format: typeof KERNEL_FORMAT;
  readonly version: 1;
  /** The kernel's spec (see `KernelSpec`). */
  readonly kernel: KernelSpec;
  readonly get: 'ntk' | 'nngp';
  readonly inputDim: number;
  /** Centres, row-major [m, inputDim]. */
  readonly centers: number[];
  readonly alpha: number[];
}

/** The JSON document of a deep ReLU network. */
export interface FcReluModelFile {
  readonly format: typeof FC_FORMAT;
  readonly version: 1;
  readonly inputDim: number;
  readonly width: number;
  readonly depth: number;
  readonly wStd: number;
  readonly bStd: number;
  readonly seed: number;
  readonly params: number[];
}

function docText(doc: object): string {
  return `${JSON.stringify(toJsonValue(doc))}\n`;
}

/** The text of the model file of any toolkit model (what {@link writeAnyModelFile} writes). */
export function anyModelFileText(model: DifferentiableModel): string {
  const fn = 'writeAnyModelFile';
  const kind = (model as { kind?: string }).kind;
  if (kind === 'twoLayer') return modelFileText(model as TwoLayerNet);
  if (kind === 'fcRelu') {
    const n = model as FcReluNet;
    return docText({
      format: FC_FORMAT,
      version: VERSION,
      inputDim: n.inputDim,
      width: n.width,
      depth: n.depth,
      wStd: n.wStd,
      bStd: n.bStd,
      seed: n.seed,
      params: n.params,
    });
  }
  const k = model as Partial<KernelPredictor>;
  if (typeof k.boundOutput === 'function' && k.centers !== undefined && k.alpha !== undefined) {
    if (k.spec === undefined)
      throw new IoError('model must have a toolkit kernel (with a spec) to be saved (got a user kernel)', {
        fn,
        arg: 'model',
      });
    return docText({
      format: KERNEL_FORMAT,
      version: VERSION,
      kernel: k.spec,
      get: k.get,
      inputDim: k.centers.cols,
      centers: k.centers.data,
      alpha: k.alpha,
    });
  }
  throw new IoError('model must be a two-layer net, a deep ReLU net or a kernel predictor to be saved', {
    fn,
    arg: 'model',
  });
}

/** Saves any toolkit model (a two-layer net, a deep ReLU net or a kernel predictor with a kernel spec), atomically. */
export function writeAnyModelFile(path: string, model: DifferentiableModel): void {
  writeFileAtomic('writeAnyModelFile', path, anyModelFileText(model));
}

/**
 * Loads any model file: dispatches on `"format"` (two-layer net, deep ReLU net, kernel predictor) and checks
 * `"version"`. Corrupt files, unknown formats and unknown versions throw {@link IoError}.
 */
export function readAnyModelFile(path: string): DifferentiableModel {
  const fn = 'readAnyModelFile';
  const fail = (req: string): never => {
    throw new IoError(`${path} must ${req}`, { fn, arg: path });
  };
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    const code = (e as { code?: string }).code;
    return fail(
      code !== undefined ? `be a readable file (got ${code})` : `be valid JSON (got ${(e as Error).message})`,
    );
  }
  if (doc === null || typeof doc !== 'object') return fail('be a JSON object');
  const format = doc.format;
  if (format === TWO_LAYER_FORMAT) return readModelFile(path);
  if (format !== FC_FORMAT && format !== KERNEL_FORMAT) {
    return fail(
      `have "format": "${TWO_LAYER_FORMAT}", "${FC_FORMAT}" or "${KERNEL_FORMAT}" (got ${JSON.stringify(format)})`,
    );
  }
  if (doc.version !== VERSION) return fail(`have "version": ${VERSION} (got ${JSON.stringify(doc.version)})`);
  const finiteArray = (v: unknown, len: number | null, what: string): number[] => {
    if (
      !Array.isArray(v) ||
      (len !== null && v.length !== len) ||
      v.some((e) => typeof e !== 'number' || !Number.isFinite(e))
    ) {
      fail(`have "${what}": ${len ?? 'an array of'} finite numbers`);
    }
    return v as number[];
  };
  try {
    if (format === FC_FORMAT) {
      const net = fcReluNet({
        inputDim: doc.inputDim as number,
        width: doc.width as number,
        depth: doc.depth as number,
        wStd: doc.wStd as number,
        bStd: doc.bStd as number,
        seed: doc.seed as number,
      });
      net.params.set(finiteArray(doc.params, net.params.length, 'params'));
      return net;
    }
    const d = doc.inputDim;
    if (typeof d !== 'number' || !Number.isInteger(d) || d < 1)
      return fail('have "inputDim": a positive integer');
    const alpha = finiteArray(doc.alpha, null, 'alpha');
    const centers = finiteArray(doc.centers, alpha.length * d, 'centers');
    const kernel = kernelFromSpec(doc.kernel as KernelSpec);
    return kernelPredictor(kernel, { rows: alpha.length, cols: d, data: Float64Array.from(centers) }, alpha, {
      get: doc.get as 'ntk' | 'nngp',
    });
  } catch (e) {
    if (e instanceof IoError) throw e;
    return fail(`describe a valid model (got ${(e as Error).message})`);
  }
}
