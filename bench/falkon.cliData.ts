/**
 * Writes the teacher–student task of bench/falkonTask.ts as .npy files for `ntk regress --solver falkon`
 * (the same inputs and labels as bench/falkon.teacherStudent.ts):
 *
 *   npx tsx bench/falkon.cliData.ts DIR 1000000 1000000   # DIR/X.npy [n, 64], y.npy, XT.npy [m, 64], yT.npy
 *   /usr/bin/time -v node bin/ntk.mjs regress --x DIR/X.npy --y DIR/y.npy --x-test DIR/XT.npy \
 *     --y-test DIR/yT.npy --out DIR/F.npy --solver falkon --centers 500 --depth 1 --diag-reg 1 \
 *     --diag-reg-scale absolute --tol 1e-4 --max-iterations 25 --json
 *
 * The test set is the first m points of the seed-2 stream (m = 10 000 gives bench/falkon.teacherStudent.ts's).
 */
import { join } from 'node:path';
import { writeNpy } from '../src/io/writeNpy.ts';
import { labels, testInputs, trainInputs } from './falkonTask.ts';

const [dir = '.', nArg = '1000000', mArg = '10000'] = process.argv.slice(2);
for (const [name, x] of [
  ['', trainInputs(Number(nArg))],
  ['T', testInputs(Number(mArg))],
] as const) {
  writeNpy(join(dir, `X${name}.npy`), x);
  writeNpy(join(dir, `y${name}.npy`), labels(x));
}
