/** The shared CSV datasets (shared/datasets, beside the repository) read through the runtime. */
import path from "node:path";
import { readCsv } from "../../../src/runtime";

export const datasets = path.resolve(__dirname, "..", "..", "..", "..", "shared", "datasets");

export const readDataset = (name: string) => readCsv(path.join(datasets, name));
