/**
 * A KernelSession whose kernel runs from source (src/kernel/main.ts under tsx), so kernel
 * tests need no build.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { KernelSession, type KernelSessionOptions } from "../../src/kernel/session";

const root = path.resolve(__dirname, "../..");

export function sourceKernel(notebookDir: string, options: Partial<KernelSessionOptions> = {}): KernelSession {
  return new KernelSession({
    notebookDir,
    kernelPath: path.join(root, "src/kernel/main.ts"),
    execArgv: ["--import", pathToFileURL(path.join(root, "node_modules/tsx/dist/loader.mjs")).href],
    ...options,
  });
}
