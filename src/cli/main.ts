/**
 * The `aibook` command line: picks the subcommand and hands it the rest of the arguments.
 * Each subcommand lives in its own module and returns the exit status of cli.md
 * (0 done, 1 a cell failed or an error diagnostic, 2 bad usage or unreadable file).
 */
import process from "node:process";

type Command = (args: string[]) => Promise<number>;

const commands: Record<string, Command> = {
  run: async (args) => (await import("./run")).runCommand(args),
  export: async (args) => (await import("./export")).exportCommand(args),
  import: async (args) => (await import("./import")).importCommand(args),
  lint: async (args) => (await import("./lint")).lintCommand(args),
};

export const usage = `usage:
  aibook run NOTEBOOK [--inplace | --out FILE] [--timeout SECONDS] [--format text|json] [--no-history]
  aibook lint NOTEBOOK... [--execute] [--format text|json|sarif] [--rules ID,ID]
  aibook export NOTEBOOK --to ipynb|ts [--out FILE]
  aibook import NOTEBOOK.ipynb [--out FILE.aibook]`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(usage + "\n");
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`aibook: unknown command "${name}"\n${usage}\n`);
    return 2;
  }
  return command(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`aibook: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
