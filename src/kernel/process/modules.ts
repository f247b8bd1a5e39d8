/**
 * How a cell's imports are found (`import x from "y"` and `import("y")` both arrive here):
 * - `aibook` is the runtime shipped with the extension (one instance for every cell),
 * - `node:` modules and other bare names come from the nearest node_modules up from the
 *   notebook's folder, then from the extension's own node_modules (danfojs, tfjs, ml-*),
 * - relative paths resolve against the notebook's folder.
 * Loading goes through `require` so that the runtime and the cell share one copy of each
 * library (a DataFrame made by one is a DataFrame to the other).
 */
import { existsSync, readFileSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { repairDanfo } from "../../runtime/data/danfo-repair";

export interface ModuleLoader {
  import(specifier: unknown): Promise<unknown>;
  defaultOf(namespace: unknown): unknown;
  require: NodeJS.Require;
  /** The `aibook` runtime's exports once a cell has imported it. */
  loadedRuntime(): Record<string, unknown> | undefined;
}

/** The folder of the extension (or of the source checkout): the nearest package.json named aibook. */
export function findExtensionRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "aibook") return dir;
      } catch {
        // not ours; keep looking
      }
    }
    if (path.dirname(dir) === dir) return from;
  }
}

/**
 * The runtime entry: the bundle in dist/, or its source when the kernel itself runs from
 * source under tsx (tests), which can load TypeScript.
 */
export function findRuntimeEntry(extensionRoot: string): string {
  const source = path.join(extensionRoot, "src", "runtime", "index.ts");
  const underTsx = process.execArgv.some((arg) => arg.includes("tsx"));
  return underTsx && existsSync(source) ? source : path.join(extensionRoot, "dist", "runtime", "index.js");
}

// Kept out of esbuild's sight so that it stays a real dynamic import (for ES-only packages).
const nativeImport = new Function("url", "return import(url)") as (url: string) => Promise<unknown>;

/**
 * Lets cells import TypeScript files beside the notebook (`import { f } from "./helpers"`):
 * they are transpiled to CommonJS on load with the TypeScript the extension ships.
 */
export function registerTypeScriptFiles(extensionRoot: string): void {
  const extensions = require.extensions;
  const fromExtension = createRequire(path.join(extensionRoot, "package.json"));
  for (const extension of [".ts", ".cts"]) {
    if (extensions[extension]) continue; // already handled (tests run the kernel under tsx)
    extensions[extension] = (module, filename) => {
      const ts = fromExtension("typescript") as typeof import("typescript");
      const output = ts.transpileModule(readFileSync(filename, "utf8"), {
        fileName: filename,
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, inlineSourceMap: true },
      });
      (module as unknown as { _compile(code: string, filename: string): void })._compile(output.outputText, filename);
    };
  }
}

export function createModuleLoader(notebookDir: string, extensionRoot: string, runtimeEntry: string): ModuleLoader {
  const fromNotebook = createRequire(path.join(notebookDir, "__aibook_notebook__.js"));
  const fromExtension = createRequire(path.join(extensionRoot, "package.json"));

  /** Files that must be loaded with import(), not require(): entries of ES-only packages. */
  const esOnlyFiles = new Set<string>();

  const resolve = (specifier: string): string => {
    if (specifier === "aibook") return runtimeEntry;
    if (specifier.startsWith("node:") || builtinModules.includes(specifier)) return specifier;
    for (const from of isRelative(specifier) ? [fromNotebook] : [fromNotebook, fromExtension]) {
      try {
        return from.resolve(specifier);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        // An ES-only package exports nothing under the "require" condition: read its exports.
        const esOnly = code === "ERR_PACKAGE_PATH_NOT_EXPORTED" ? resolveImportExport(from, specifier) : undefined;
        if (esOnly) {
          esOnlyFiles.add(esOnly);
          return esOnly;
        }
        if (code !== "MODULE_NOT_FOUND" || isRelative(specifier)) throw cannotFind(specifier, notebookDir, error);
      }
    }
    throw cannotFind(specifier, notebookDir, undefined);
  };

  return {
    require: fromNotebook,
    loadedRuntime: () => require.cache[runtimeEntry]?.exports as Record<string, unknown> | undefined,
    async import(specifier) {
      if (typeof specifier !== "string") throw new TypeError(`import() needs a module name, got ${typeof specifier}`);
      const resolved = resolve(specifier);
      if (esOnlyFiles.has(resolved)) return nativeImport(pathToFileURL(resolved).href);
      try {
        const loaded = fromNotebook(resolved);
        // danfojs 1.2 picks the wrong rows for a boolean mask on a frame with labels (see danfo-repair).
        if (specifier === "danfojs-node" || specifier === "danfojs") repairDanfo(loaded);
        // The runtime's neural networks fit synchronously, so the fastest TensorFlow.js backend
        // (WebAssembly, or tfjs-node from the workspace) is started while the import is awaited.
        if (specifier === "aibook") await (loaded as { tfReady?: () => Promise<unknown> }).tfReady?.();
        return loaded;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ERR_REQUIRE_ESM" && (error as NodeJS.ErrnoException).code !== "ERR_REQUIRE_ASYNC_MODULE") throw error;
        return nativeImport(pathToFileURL(resolved).href);
      }
    },
    defaultOf(namespace) {
      if (namespace && typeof namespace === "object" && "default" in namespace) {
        const isModule = (namespace as { __esModule?: boolean }).__esModule || Object.prototype.toString.call(namespace) === "[object Module]";
        if (isModule) return (namespace as { default: unknown }).default;
      }
      return namespace;
    },
  };
}

/**
 * The file an `import` of an ES-only package loads: its `exports` entry for the subpath under
 * the "import" (or "node"/"default") condition. Covers the shapes packages use in practice.
 */
function resolveImportExport(from: NodeJS.Require, specifier: string): string | undefined {
  const parts = specifier.split("/");
  const nameLength = specifier.startsWith("@") ? 2 : 1;
  const name = parts.slice(0, nameLength).join("/");
  const subpath = ["."].concat(parts.slice(nameLength)).join("/");
  const paths = from.resolve.paths(name) ?? [];
  for (const dir of paths) {
    const manifestPath = path.join(dir, name, "package.json");
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { exports?: unknown };
    const exportsField = manifest.exports;
    const entry = typeof exportsField === "string" || Array.isArray(exportsField) || !isSubpathMap(exportsField) ? (subpath === "." ? exportsField : undefined) : (exportsField as Record<string, unknown>)[subpath];
    const target = pickCondition(entry);
    return target ? path.join(dir, name, target) : undefined;
  }
  return undefined;
}

function isSubpathMap(value: unknown): boolean {
  return typeof value === "object" && value !== null && Object.keys(value).some((key) => key.startsWith("."));
}

function pickCondition(entry: unknown): string | undefined {
  if (typeof entry === "string") return entry;
  if (Array.isArray(entry)) return entry.map(pickCondition).find(Boolean);
  if (typeof entry !== "object" || entry === null) return undefined;
  const conditions = entry as Record<string, unknown>;
  for (const key of ["node", "import", "default"]) if (key in conditions) return pickCondition(conditions[key]);
  return undefined;
}

function isRelative(specifier: string): boolean {
  return specifier.startsWith("./") || specifier.startsWith("../") || path.isAbsolute(specifier);
}

function cannotFind(specifier: string, notebookDir: string, cause: unknown): Error {
  const where = isRelative(specifier) ? `relative to the notebook's folder ${notebookDir}` : `in node_modules from ${notebookDir} upward, nor among the packages shipped with aibook`;
  const error = new Error(`Cannot find module "${specifier}" ${where}`, { cause });
  (error as NodeJS.ErrnoException).code = "MODULE_NOT_FOUND";
  return error;
}
