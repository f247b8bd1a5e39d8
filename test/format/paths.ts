/**
 * Where the tests find files outside test/: the shared corpus sits beside the repository
 * (`<repo>/../shared`), in this checkout and in CI's fresh clone alike.
 */
import path from "node:path";

export const repoRoot = path.resolve(__dirname, "../..");
export const sharedDir = path.resolve(repoRoot, "../shared");
export const pitfallCorpusDir = path.join(sharedDir, "corpus/pitfalls");
export const formatFixturesDir = path.join(repoRoot, "test/fixtures/format");
