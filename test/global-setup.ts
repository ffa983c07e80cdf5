/**
 * Jest global setup: compiles the kernel once, before the test workers start, so that the kernel, API and example
 * tests (several files in parallel workers) do not queue on the build lock (a cold build takes minutes on a busy
 * 2-core machine, longer than a test hook's timeout).
 */
import { buildKernel } from './kernel/helpers/kernel-build';

export default function globalSetup(): void {
  buildKernel();
}
