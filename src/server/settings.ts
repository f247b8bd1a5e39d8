/**
 * The user's lint settings (`aibook.lint.enable`, `aibook.lint.rules`), read from the client and
 * re-read when they change. A rule set to "off" is not reported; another level replaces the
 * rule's own severity.
 */
import type { Connection } from "vscode-languageserver/node";

export type RuleLevel = "off" | "error" | "warning" | "information";

export interface LintSettings {
  enable: boolean;
  rules: Record<string, RuleLevel>;
}

export const defaultLintSettings: LintSettings = { enable: true, rules: {} };

const levels = new Set<string>(["off", "error", "warning", "information"]);

/** Settings as the client sent them, with anything malformed left at its default. */
export function parseLintSettings(raw: unknown): LintSettings {
  const value = (raw ?? {}) as { enable?: unknown; rules?: unknown };
  const rules: Record<string, RuleLevel> = {};
  if (value.rules && typeof value.rules === "object") {
    for (const [rule, level] of Object.entries(value.rules as Record<string, unknown>)) {
      if (typeof level === "string" && levels.has(level)) rules[rule] = level as RuleLevel;
    }
  }
  return { enable: typeof value.enable === "boolean" ? value.enable : true, rules };
}

/** Reads the settings through workspace/configuration when the client supports it. */
export async function fetchLintSettings(connection: Connection, supported: boolean): Promise<LintSettings> {
  if (!supported) return defaultLintSettings;
  try {
    return parseLintSettings(await connection.workspace.getConfiguration("aibook.lint"));
  } catch {
    return defaultLintSettings;
  }
}
