/**
 * Where a notebook's imports find their types, mirroring where the kernel finds the code:
 * `aibook` is the runtime shipped inside the extension (its declaration files in dist/types),
 * other packages come from the nearest node_modules up from the notebook's folder, then from the
 * extension's own node_modules (danfojs-node, @tensorflow/tfjs, ml-*), and `node:` modules from
 * the @types/node copy shipped in dist/types (a devDependency is not in the .vsix).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

export interface TypeLocations {
  /** Declarations of the `aibook` runtime. */
  aibookEntry: string;
  /** Folder holding `node` (the @types/node package), for compilerOptions.typeRoots. */
  nodeTypeRoot: string;
  /** A file inside the extension's root: modules not found beside the notebook resolve from here. */
  extensionAnchor: string;
}

/**
 * Finds the type locations of an extension checkout or install. The shipped layout (dist/types)
 * wins; in a development checkout without a build, the runtime's sources and the devDependency
 * @types/node stand in for them, so the unit tests need no build step.
 */
export function typeLocations(extensionRoot: string): TypeLocations {
  const shippedEntry = path.join(extensionRoot, "dist", "types", "runtime", "index.d.ts");
  const sourceEntry = path.join(extensionRoot, "src", "runtime", "index.ts");
  const shippedNode = path.join(extensionRoot, "dist", "types", "node_modules", "@types");
  return {
    aibookEntry: existsSync(shippedEntry) || !existsSync(sourceEntry) ? shippedEntry : sourceEntry,
    nodeTypeRoot: existsSync(path.join(shippedNode, "node")) ? shippedNode : path.join(extensionRoot, "node_modules", "@types"),
    extensionAnchor: path.join(extensionRoot, "package.json"),
  };
}

/**
 * A module resolver for a LanguageServiceHost's `resolveModuleNameLiterals`, and its cache. The
 * host should hand the cache to TypeScript too (`getModuleResolutionCache`): every program update
 * asks each file's package.json scope for its module format, and without this cache's
 * package.json entries that meant reading and parsing the package.json files again on each
 * keystroke (a third of a completion's time after an edit in a 200-cell notebook).
 */
export function createModuleResolver(locations: TypeLocations, options: ts.CompilerOptions, host: ts.ModuleResolutionHost) {
  const cache = ts.createModuleResolutionCache(path.dirname(locations.extensionAnchor), (f) => f, options);
  const aibook: ts.ResolvedModuleFull = {
    resolvedFileName: locations.aibookEntry,
    extension: locations.aibookEntry.endsWith(".d.ts") ? ts.Extension.Dts : ts.Extension.Ts,
    isExternalLibraryImport: locations.aibookEntry.endsWith(".d.ts"),
  };
  const resolve = (name: string, containingFile: string): ts.ResolvedModuleWithFailedLookupLocations => {
    if (name === "aibook") return { resolvedModule: aibook };
    const near = ts.resolveModuleName(name, containingFile, options, host, cache);
    if (near.resolvedModule) return near;
    return ts.resolveModuleName(name, locations.extensionAnchor, options, host, cache);
  };
  return { resolve, cache };
}
