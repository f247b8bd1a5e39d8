/**
 * Writes a file whole or not at all: the text goes to a temporary file beside the target, which
 * then replaces it in one rename. A full disk or a killed process mid-write leaves the old
 * notebook as it was, never half of the new one.
 */
import { renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export function writeFileAtomic(target: string, text: string | Uint8Array): void {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
