/**
 * Just enough of the `vscode` module to run the notebook serializer's mapping in plain mocha:
 * the NotebookData classes are plain holders in VS Code too. Import this before the serializer.
 */
import Module from "node:module";

export class NotebookCellOutputItem {
  constructor(
    public data: Uint8Array,
    public mime: string,
  ) {}
}
export class NotebookCellOutput {
  constructor(
    public items: NotebookCellOutputItem[],
    public metadata?: Record<string, unknown>,
  ) {}
}
export class NotebookCellData {
  outputs?: NotebookCellOutput[];
  metadata?: Record<string, unknown>;
  executionSummary?: { executionOrder?: number; success?: boolean; timing?: { startTime: number; endTime: number } };
  constructor(
    public kind: number,
    public value: string,
    public languageId: string,
  ) {}
}
export class NotebookData {
  metadata?: Record<string, unknown>;
  constructor(public cells: NotebookCellData[]) {}
}
export class TabInputNotebook {
  constructor(
    public uri: { toString(): string },
    public notebookType: string,
  ) {}
}

export const fakeSettings: Record<string, unknown> = {};
export const fakeFiles = new Map<string, Uint8Array>();
export const fakeTabs: TabInputNotebook[] = [];

const fake = {
  NotebookCellOutputItem,
  NotebookCellOutput,
  NotebookCellData,
  NotebookData,
  TabInputNotebook,
  NotebookCellKind: { Markup: 1, Code: 2 },
  window: { tabGroups: { get all() { return [{ tabs: fakeTabs.map((input) => ({ input })) }]; } } },
  workspace: {
    notebookDocuments: [],
    getConfiguration: () => ({ get: (key: string, fallback: unknown) => (key in fakeSettings ? fakeSettings[key] : fallback) }),
    fs: {
      readFile: async (uri: { toString(): string }) => {
        const bytes = fakeFiles.get(uri.toString());
        if (!bytes) throw new Error(`no file ${uri.toString()}`);
        return bytes;
      },
    },
    asRelativePath: (uri: { toString(): string }) => uri.toString().replace(/^file:\/\/\/work\//, ""),
  },
};

const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolve = loader._resolveFilename;
loader._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === "vscode" ? "vscode" : resolve.call(this, request, ...rest);
};
const cache = require.cache as Record<string, unknown>;
cache["vscode"] = { id: "vscode", filename: "vscode", loaded: true, exports: fake };
