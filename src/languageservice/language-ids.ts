/**
 * Editor language ids of aibook code cells. Cells get ids of their own, not `typescript`, so that
 * VS Code's built-in TypeScript support (which sees each cell as a separate script) leaves them
 * alone; files on disk keep `"language": "typescript"` (see the serializer's editorLanguageOf).
 */
export const cellLanguageIds = {
  typescript: "aibook-typescript",
  javascript: "aibook-javascript",
} as const;

export const notebookType = "aibook";

export const analysedCellLanguages: readonly string[] = Object.values(cellLanguageIds);
