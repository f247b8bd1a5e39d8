/**
 * Sends what the cell writes to process.stdout/stderr (console.log included) to the host as
 * it is written, tagged with the running cell, instead of to the kernel's own pipes.
 */
import process from "node:process";

export type StreamSink = (name: "stdout" | "stderr", text: string) => void;

export function captureStandardStreams(sink: StreamSink): void {
  for (const name of ["stdout", "stderr"] as const) {
    const stream = process[name];
    stream.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
      const text = typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString(typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
      sink(name, text);
      const done = typeof encoding === "function" ? encoding : callback;
      if (typeof done === "function") queueMicrotask(() => (done as () => void)());
      return true;
    }) as typeof stream.write;
  }
}
