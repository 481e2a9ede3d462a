/**
 * Native FALKON pass (native/falkon_pass.cc): the contract and summation order of
 * src/backend/js/falkonPass.ts, with AVX-512 / AVX2 / generic row routines chosen at run time and the fixed
 * row parts run on the addon's thread pool, so its bits equal the JavaScript loop's for any thread count.
 * @internal
 * @packageDocumentation
 */
import { type FalkonPassFn, jsFalkonPass } from '../js/falkonPass.ts';
import { addon } from './dgemm.ts';
import { nativeThreads } from './threads.ts';

/**
 * Same contract as {@link jsFalkonPass} (and the same bits); threads from {@link nativeThreads}. An addon
 * built before this kernel existed runs the JavaScript loop. @internal
 */
export const nativeFalkonPass: FalkonPassFn = (rows, M, k, kb, u, v, invN, w) => {
  const a = addon();
  if (a.falkonPass === undefined) jsFalkonPass(rows, M, k, kb, u, v, invN, w);
  else a.falkonPass(rows, M, k, kb, u, v, invN, w, nativeThreads());
};
