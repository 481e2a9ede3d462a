import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { nativeKernels, nativeStatus } from '../../backend/native/loader.ts';
import { isBackendAvailable, resolveBackend } from '../../backend/registry.ts';
import { wasmSimdSupported } from '../../backend/wasm/loader.ts';
import { recursionInUse } from '../../kernels/recursionInUse.ts';
import { teamThreads } from '../../parallel/team.ts';
import type { CliContext, GlobalFlags } from '../context.ts';
import { emit } from '../output.ts';

/** `ntk info`: the compute backends usable here, the one chosen by default, and the thread count. */
export function registerInfo(program: Command, ctx: CliContext): void {
  program
    .command('info')
    .description(
      'report the compute backends (native addon and its instruction set, WebAssembly SIMD, JavaScript), the default one and the threads',
    )
    .addHelpText(
      'after',
      `
Examples:
  $ ntk info
  $ NTK_NATIVE=0 ntk info --json`,
    )
    .action((_opts, command: Command) => {
      const f = command.optsWithGlobals() as GlobalFlags;
      const native = nativeStatus();
      const gemmIsa = native.available ? nativeKernels()?.gemmIsa() : undefined;
      const result = {
        node: process.version,
        backends: {
          native: native.available
            ? { available: true, isa: native.isa, gemmIsa }
            : { available: false, reason: native.reason },
          'wasm-simd': { available: wasmSimdSupported() },
          js: { available: isBackendAvailable('js') },
        },
        defaultBackend: resolveBackend('ntk info'),
        threads: teamThreads(),
        layerRecursion: recursionInUse(),
        cores: availableParallelism(),
      };
      const nativeLine = native.available
        ? `available (instruction set ${native.isa}, GEMM micro-kernel ${gemmIsa})`
        : `unavailable: ${native.reason}`;
      emit(ctx, f, result, [
        `node            ${process.version}`,
        `native          ${nativeLine}`,
        `wasm-simd       ${wasmSimdSupported() ? 'available' : 'unavailable: WebAssembly SIMD is not supported'}`,
        'js              available',
        `default backend ${result.defaultBackend} (override: NTK_BACKEND or the backend option)`,
        `threads         ${result.threads} of ${result.cores} cores (NTK_THREADS, --workers, setThreadCount)`,
        `layer recursion ${result.layerRecursion} (NTK Gram matrices: native > wasm > js)`,
      ]);
    });
}
