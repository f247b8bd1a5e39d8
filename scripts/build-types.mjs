// Declaration files the language server gives to notebook cells (dist/types):
//   - dist/types/runtime/index.d.ts (+ what it imports): the `aibook` runtime's types with its TSDoc,
//     emitted by TypeScript from src/runtime (rootDir src, so src/protocol lands beside it);
//   - dist/types/node_modules/@types/node and undici-types: `node:` modules' types. @types/node is a
//     devDependency, absent from the .vsix, so a copy ships here.
// Called by esbuild.mjs after bundling; incremental, so an unchanged runtime re-emits quickly.
//   node scripts/build-types.mjs
import { cpSync, existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.join(root, "dist", "types");

function emitRuntimeDeclarations() {
  const entry = path.join(root, "src", "runtime", "index.ts");
  if (!existsSync(entry)) return;
  const options = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts"],
    types: ["node"],
    strict: true,
    esModuleInterop: true,
    resolveJsonModule: true,
    skipLibCheck: true,
    declaration: true,
    emitDeclarationOnly: true,
    rootDir: path.join(root, "src"),
    outDir,
    incremental: true,
    tsBuildInfoFile: path.join(outDir, ".runtime.tsbuildinfo"),
  };
  const host = ts.createIncrementalCompilerHost(options);
  const program = ts.createIncrementalProgram({ rootNames: [entry], options, host });
  const result = program.emit();
  const problems = result.diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (result.emitSkipped || problems.length) {
    const text = ts.formatDiagnostics(problems, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => "\n" });
    console.warn(`build-types: declaration emit of src/runtime reported ${problems.length} problem(s):\n${text}`);
  }
}

function copyPackageTypes(name) {
  const from = path.join(root, "node_modules", name);
  const to = path.join(outDir, "node_modules", name);
  if (!existsSync(from)) {
    console.warn(`build-types: ${name} is not installed; node: modules will have no types in notebooks`);
    return;
  }
  rmSync(to, { recursive: true, force: true });
  mkdirSync(to, { recursive: true });
  cpSync(from, to, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}node_modules${path.sep}`, from.length) && (!/\.[a-z]+$/i.test(src) || /\.d\.ts$|package\.json$|LICENSE$/.test(src)),
  });
}

const started = Date.now();
emitRuntimeDeclarations();
copyPackageTypes("@types/node");
copyPackageTypes("undici-types");
console.log(`build-types: dist/types in ${Date.now() - started} ms`);
