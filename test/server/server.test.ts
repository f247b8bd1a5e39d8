import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import * as esbuild from "esbuild";
import { PassThrough } from "node:stream";
import { pathToFileURL } from "node:url";
import { createConnection } from "vscode-languageserver/node";
import {
  CodeActionRequest,
  ConfigurationRequest,
  CompletionRequest,
  DidChangeConfigurationNotification,
  CompletionResolveRequest,
  DefinitionRequest,
  DidChangeNotebookDocumentNotification,
  DidCloseNotebookDocumentNotification,
  DidOpenNotebookDocumentNotification,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  NotebookCellKind,
  PublishDiagnosticsNotification,
  RenameRequest,
  SemanticTokensRequest,
  SignatureHelpRequest,
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type ProtocolConnection,
} from "vscode-languageserver-protocol/node";
import { startServer } from "../../src/server/server";
import { typeLocations } from "../../src/languageservice/module-resolution";
import { WorkerTypeCheck, type TypeCheck } from "../../src/server/type-check";

const repoRoot = path.resolve(__dirname, "../..");
/** The runtime's sources, not a possibly stale dist/types build. */
const locations = { ...typeLocations(repoRoot), aibookEntry: path.join(repoRoot, "src", "runtime", "index.ts") };
const notebookUri = pathToFileURL(path.join(repoRoot, "server-test.aibook")).href;
const cellUri = (i: number) => `vscode-notebook-cell:${new URL(notebookUri).pathname}#cell${i}`;

/** A server and a client talking LSP over in-memory streams, as VS Code and dist/server.js do over IPC. */
async function startPair(options: { configuration?: () => unknown; typeCheck?: TypeCheck } = {}) {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(server, { extensionRoot: repoRoot, debounceMs: 20, typeLocations: locations, typeCheck: options.typeCheck });
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const diagnostics = new Map<string, Diagnostic[]>();
  const waiters: Array<() => void> = [];
  client.onNotification(PublishDiagnosticsNotification.type, (p) => {
    diagnostics.set(p.uri, p.diagnostics);
    waiters.splice(0).forEach((w) => w());
  });
  if (options.configuration) client.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => options.configuration!()));
  client.listen();
  const capabilities = options.configuration ? { workspace: { configuration: true } } : {};
  const init = await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities, workspaceFolders: null });
  await client.sendNotification(InitializedNotification.type, {});
  /** Resolves once diagnostics have been published for every given cell after this call. */
  const nextDiagnostics = (count: number) =>
    new Promise<void>((resolve) => {
      let seen = 0;
      const wait = () => (++seen >= count ? resolve() : waiters.push(wait));
      waiters.push(wait);
    });
  const stop = () => {
    client.dispose();
    server.dispose();
  };
  return { client, server, init, diagnostics, nextDiagnostics, stop };
}

/** Opens a notebook of the given cells; a text starting with "# " is a markdown cell. */
async function openNotebook(client: ProtocolConnection, texts: string[]) {
  const markdown = (t: string) => t.startsWith("# ");
  await client.sendNotification(DidOpenNotebookDocumentNotification.type, {
    notebookDocument: { uri: notebookUri, notebookType: "aibook", version: 1, cells: texts.map((t, i) => ({ kind: markdown(t) ? NotebookCellKind.Markup : NotebookCellKind.Code, document: cellUri(i) })) },
    cellTextDocuments: texts.map((text, i) => ({ uri: cellUri(i), languageId: markdown(text) ? "markdown" : "aibook-typescript", version: 1, text })),
  });
}

describe("server: the language server over LSP", function () {
  this.timeout(60000);
  let pair: Awaited<ReturnType<typeof startPair>>;
  afterEach(() => pair?.stop());

  it("announces notebook sync for aibook cells and the features it serves", async () => {
    pair = await startPair();
    const caps = pair.init.capabilities;
    assert.deepEqual(caps.notebookDocumentSync, {
      notebookSelector: [{ notebook: { notebookType: "aibook" } }],
    });
    assert.ok(caps.completionProvider && caps.hoverProvider && caps.definitionProvider && caps.renameProvider && caps.semanticTokensProvider && caps.signatureHelpProvider);
  });

  it("publishes a type error on its cell with source aibook-ts, and clears it after an edit", async () => {
    pair = await startPair();
    const published = pair.nextDiagnostics(3);
    await openNotebook(pair.client, ["const n = 1;", "const x = n;", 'const s: string = n;']);
    await published;
    assert.deepEqual(pair.diagnostics.get(cellUri(0)), []);
    assert.deepEqual(pair.diagnostics.get(cellUri(1)), []);
    const [error] = pair.diagnostics.get(cellUri(2))!;
    assert.equal(error!.source, "aibook-ts");
    assert.equal(error!.code, 2322);
    assert.deepEqual(error!.range, { start: { line: 0, character: 6 }, end: { line: 0, character: 7 } });

    const again = pair.nextDiagnostics(3);
    await pair.client.sendNotification(DidChangeNotebookDocumentNotification.type, {
      notebookDocument: { uri: notebookUri, version: 2 },
      change: { cells: { textContent: [{ document: { uri: cellUri(2), version: 2 }, changes: [{ range: { start: { line: 0, character: 9 }, end: { line: 0, character: 15 } }, text: "number" }] }] } },
    });
    await again;
    assert.deepEqual(pair.diagnostics.get(cellUri(2)), []);
  });

  it("answers completion, resolve, hover, signature help, definition, rename and semantic tokens in cells", async () => {
    pair = await startPair();
    const published = pair.nextDiagnostics(3);
    await openNotebook(pair.client, ['import { createRandom } from "aibook";\n/** How many rows to keep. */\nconst keepRows = 10;', "const unrelated = 1;", "keep\ncreateRandom(1)"]);
    await published;
    const items = (await pair.client.sendRequest(CompletionRequest.type, { textDocument: { uri: cellUri(2) }, position: { line: 0, character: 4 } })) as CompletionItem[];
    const keep = items.find((i) => i.label === "keepRows");
    assert.ok(keep, "a name declared two cells above is offered");
    const resolved = await pair.client.sendRequest(CompletionResolveRequest.type, keep!);
    assert.equal(resolved.detail, "const keepRows: 10");
    assert.match(JSON.stringify(resolved.documentation), /How many rows to keep/);

    const hover = await pair.client.sendRequest(HoverRequest.type, { textDocument: { uri: cellUri(2) }, position: { line: 1, character: 3 } });
    assert.match(JSON.stringify(hover!.contents), /seeded with `seed`/);
    assert.deepEqual(hover!.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 12 } });

    const help = await pair.client.sendRequest(SignatureHelpRequest.type, { textDocument: { uri: cellUri(2) }, position: { line: 1, character: 13 } });
    assert.match(help!.signatures[0]!.label, /createRandom\(seed\?: number\)/);

    const definition = (await pair.client.sendRequest(DefinitionRequest.type, { textDocument: { uri: cellUri(2) }, position: { line: 0, character: 2 } })) as unknown[];
    assert.deepEqual(definition, []); // "keep" is not declared: nothing to go to
    const toRuntime = (await pair.client.sendRequest(DefinitionRequest.type, { textDocument: { uri: cellUri(2) }, position: { line: 1, character: 2 } })) as Array<{ uri: string }>;
    assert.ok(toRuntime.some((l) => l.uri.startsWith(cellUri(0)) || /runtime\/random\.(d\.)?ts$/.test(l.uri)), JSON.stringify(toRuntime));

    const rename = await pair.client.sendRequest(RenameRequest.type, { textDocument: { uri: cellUri(0) }, position: { line: 2, character: 8 }, newName: "rowsToKeep" });
    assert.deepEqual(Object.keys(rename!.changes!), [cellUri(0)]);

    const tokens = await pair.client.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: cellUri(2) } });
    assert.ok(tokens!.data.length >= 5, "createRandom is a function token");
  });

  const leaking = [
    "# A notebook with pitfalls",
    'import { trainTestSplit, RandomForestClassifier, evaluate } from "aibook";\nconst X = [[1], [2], [3], [4]];\nconst y = [0, 1, 0, 1];',
    "const parts = trainTestSplit(X, y, { testSize: 0.5, seed: 2 });",
    "const model = new RandomForestClassifier().fit(parts.xTrain, parts.yTrain);\nevaluate(model, parts.xTest, parts.yTest);",
  ];

  it("publishes pitfall diagnostics with rule code, doc link and related cell, and their quick fixes", async () => {
    pair = await startPair();
    const published = pair.nextDiagnostics(3);
    await openNotebook(pair.client, leaking);
    await published;
    const split = pair.diagnostics.get(cellUri(2))!.find((d) => d.source === "aibook")!;
    assert.equal(split.code, "unstratified-split");
    assert.equal(split.severity, 2);
    assert.match(split.codeDescription!.href, /dist\/rules\/unstratified-split\.md$/);
    assert.deepEqual(split.range, { start: { line: 0, character: 14 }, end: { line: 0, character: 62 } });
    assert.equal(split.relatedInformation![0]!.location.uri, cellUri(3), "the related location is the training cell (markdown cells count in indexes)");
    assert.deepEqual(pair.diagnostics.get(cellUri(2))!.filter((d) => d.source === "aibook-ts"), []);

    const actions = (await pair.client.sendRequest(CodeActionRequest.type, { textDocument: { uri: cellUri(2) }, range: split.range, context: { diagnostics: [split] } })) as CodeAction[];
    assert.equal(actions[0]!.title, "Stratify the split on the labels");
    assert.deepEqual(actions[0]!.edit!.changes![cellUri(2)], [{ range: { start: { line: 0, character: 35 }, end: { line: 0, character: 37 } }, newText: "{ stratify: true, " }]);
    assert.deepEqual(actions[1]!.command, { title: "Learn about unstratified-split", command: "aibook.openRuleDoc", arguments: [split.codeDescription!.href] });

    const baseline = pair.diagnostics.get(cellUri(3))!.find((d) => d.code === "no-baseline")!;
    const [insert] = (await pair.client.sendRequest(CodeActionRequest.type, { textDocument: { uri: cellUri(3) }, range: baseline.range, context: { diagnostics: [baseline] } })) as CodeAction[];
    assert.equal(insert!.command!.command, "aibook.applyNotebookFix");
    const [uri, changes, insertions] = insert!.command!.arguments as [string, object, Array<{ afterCell: number; afterCellUri: string; source: string }>];
    assert.equal(uri, notebookUri);
    assert.deepEqual(changes, {});
    assert.equal(insertions[0]!.afterCell, 3);
    assert.equal(insertions[0]!.afterCellUri, cellUri(3));
    assert.match(insertions[0]!.source, /new DummyClassifier\(\)/);

    const fixed = pair.nextDiagnostics(3);
    await pair.client.sendNotification(DidChangeNotebookDocumentNotification.type, {
      notebookDocument: { uri: notebookUri, version: 2 },
      change: { cells: { textContent: [{ document: { uri: cellUri(2), version: 2 }, changes: [actions[0]!.edit!.changes![cellUri(2)]![0]!].map((e) => ({ range: e.range, text: e.newText })) }] } },
    });
    await fixed;
    assert.deepEqual(pair.diagnostics.get(cellUri(2)), [], "the quick fix removes the finding");
  });

  it("follows aibook.lint settings: a rule turned off or re-levelled, and lint disabled", async () => {
    const settings: unknown[] = [];
    pair = await startPair({ configuration: () => settings.shift() });
    settings.push({ enable: true, rules: { "unstratified-split": "off", "no-baseline": "error" } });
    const published = pair.nextDiagnostics(3);
    await openNotebook(pair.client, leaking);
    await published;
    const codes = [...pair.diagnostics.values()].flat().filter((d) => d.source === "aibook").map((d) => `${d.code}:${d.severity}`);
    assert.deepEqual(codes, ["no-baseline:1"]);
    settings.push({ enable: false, rules: {} });
    const again = pair.nextDiagnostics(3);
    await pair.client.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await again;
    assert.deepEqual([...pair.diagnostics.values()].flat().filter((d) => d.source === "aibook"), []);
  });

  it("runs the full type check in a worker thread (as dist/server.js does)", async () => {
    // The server bundled as dist/server.js is (into the checkout's cache, so that `typescript` resolves).
    const cache = path.join(repoRoot, "node_modules", ".cache");
    mkdirSync(cache, { recursive: true });
    const dir = mkdtempSync(path.join(cache, "aibook-server-test-"));
    const script = path.join(dir, "server.js");
    await esbuild.build({ entryPoints: [path.join(repoRoot, "src/server/main.ts")], outfile: script, bundle: true, platform: "node", format: "cjs", external: ["typescript", "danfojs-node", "@tensorflow/*", "ml-*"], logLevel: "warning" });
    const worker = new WorkerTypeCheck(script, { extensionRoot: repoRoot, typeLocations: locations });
    try {
      pair = await startPair({ typeCheck: worker });
      const published = pair.nextDiagnostics(2);
      await openNotebook(pair.client, ["const n = 1;", "const s: string = n;"]);
      await published;
      assert.deepEqual(pair.diagnostics.get(cellUri(1))!.map((d) => [d.source, d.code]), [["aibook-ts", 2322]]);
    } finally {
      worker.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

    it("clears a notebook's diagnostics when it closes", async () => {
    pair = await startPair();
    const published = pair.nextDiagnostics(1);
    await openNotebook(pair.client, ["const s: string = 1;"]);
    await published;
    assert.equal(pair.diagnostics.get(cellUri(0))!.length, 1);
    const cleared = pair.nextDiagnostics(1);
    await pair.client.sendNotification(DidCloseNotebookDocumentNotification.type, { notebookDocument: { uri: notebookUri }, cellTextDocuments: [{ uri: cellUri(0) }] });
    await cleared;
    assert.deepEqual(pair.diagnostics.get(cellUri(0)), []);
  });
});
