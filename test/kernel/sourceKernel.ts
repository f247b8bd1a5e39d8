/**
 * A KernelSession whose kernel runs from source (src/kernel/main.ts under tsx), so kernel
 * tests need no build.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { KernelSession, type KernelSessionOptions } from "../../src/kernel/session";

const root = path.resolve(__dirname, "../..");

/** Where the kernel process starts from source: for KernelSession and the CLI commands alike. */
export const sourceKernelOptions = {
  kernelPath: path.join(root, "src/kernel/main.ts"),
  execArgv: ["--import", pathToFileURL(path.join(root, "node_modules/tsx/dist/loader.mjs")).href],
};

export function sourceKernel(notebookDir: string, options: Partial<KernelSessionOptions> = {}): KernelSession {
  return new KernelSession({ notebookDir, ...sourceKernelOptions, ...options });
}
