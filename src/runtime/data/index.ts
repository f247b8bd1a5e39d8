export { readCsv, type ReadCsvOptions } from "./read-csv";
export { readJson, type ReadJsonOptions } from "./read-json";
export { dropDuplicates, type DropDuplicatesOptions } from "./drop-duplicates";
export { dropMissing, type DropMissingOptions } from "./drop-missing";
export { takeRows, rowCount, frameFromColumns } from "./frame";
