/**
 * The VS Code theme variables the views use, with the values of VS Code's Default Light Modern and
 * Default Dark Modern themes, so that tests and screenshots see what the notebook shows. The
 * `charts.*` colours are VS Code 1.139's defaults (neither theme sets them): `charts.blue` is the
 * info foreground and `charts.orange` the translucent find-match highlight #EA5C0055.
 */
export type ThemeName = "light" | "dark";

const shared = {
  "--vscode-font-family": "system-ui, -apple-system, 'Segoe UI', Ubuntu, sans-serif",
  "--vscode-font-size": "13px",
  "--vscode-editor-font-family": "'DejaVu Sans Mono', monospace",
};

export const THEMES: Record<ThemeName, Record<string, string>> = {
  light: {
    ...shared,
    "--vscode-editor-background": "#ffffff",
    "--vscode-editor-foreground": "#3b3b3b",
    "--vscode-descriptionForeground": "#3b3b3b",
    "--vscode-panel-border": "#e5e5e5",
    "--vscode-list-hoverBackground": "#f2f2f2",
    "--vscode-badge-background": "#cccccc",
    "--vscode-badge-foreground": "#3b3b3b",
    "--vscode-errorForeground": "#f85149",
    "--vscode-editorWarning-foreground": "#bf8803",
    "--vscode-editorInfo-foreground": "#0063d3",
    "--vscode-inputValidation-warningBackground": "#f6f5d2",
    "--vscode-diffEditor-removedTextBackground": "#ff000033",
    "--vscode-charts-blue": "#0063d3",
    "--vscode-charts-orange": "#ea5c0055",
    "--vscode-charts-green": "#388a34",
    "--vscode-charts-purple": "#652d90",
    "--vscode-charts-red": "#e51400",
    "--vscode-charts-yellow": "#bf8803",
    "--vscode-button-background": "#005fb8",
    "--vscode-button-foreground": "#ffffff",
    "--vscode-focusBorder": "#005fb8",
    "--vscode-sideBar-background": "#f8f8f8",
    "--vscode-input-background": "#ffffff",
    "--vscode-input-foreground": "#3b3b3b",
    "--vscode-input-border": "#cecece",
    "--vscode-foreground": "#3b3b3b",
    "--vscode-textLink-foreground": "#005fb8",
    "--vscode-settings-checkboxBackground": "#f8f8f8",
    "--vscode-settings-checkboxBorder": "#cecece",
    "--vscode-settings-checkboxForeground": "#3b3b3b",
    "--vscode-button-secondaryBackground": "#e5e5e5",
    "--vscode-button-secondaryForeground": "#3b3b3b",
    "--vscode-button-secondaryHoverBackground": "#cccccc",
    "--vscode-settings-textInputBackground": "#ffffff",
    "--vscode-settings-textInputBorder": "#cecece",
    "--vscode-settings-textInputForeground": "#3b3b3b",
    "--vscode-keybindingTable-headerBackground": "#f8f8f8",
    "--vscode-keybindingTable-rowsBackground": "#f8f8f8",
    "--vscode-widget-border": "#e5e5e5",
  },
  dark: {
    ...shared,
    "--vscode-editor-background": "#1f1f1f",
    "--vscode-editor-foreground": "#cccccc",
    "--vscode-descriptionForeground": "#9d9d9d",
    "--vscode-panel-border": "#2b2b2b",
    "--vscode-list-hoverBackground": "#2a2d2e",
    "--vscode-badge-background": "#616161",
    "--vscode-badge-foreground": "#f8f8f8",
    "--vscode-errorForeground": "#f85149",
    "--vscode-editorWarning-foreground": "#cca700",
    "--vscode-editorInfo-foreground": "#59a4f9",
    "--vscode-inputValidation-warningBackground": "#352a05",
    "--vscode-diffEditor-removedTextBackground": "#ff000033",
    "--vscode-charts-blue": "#59a4f9",
    "--vscode-charts-orange": "#ea5c0055",
    "--vscode-charts-green": "#89d185",
    "--vscode-charts-purple": "#b180d7",
    "--vscode-charts-red": "#f14c4c",
    "--vscode-charts-yellow": "#cca700",
    "--vscode-button-background": "#0078d4",
    "--vscode-button-foreground": "#ffffff",
    "--vscode-focusBorder": "#0078d4",
    "--vscode-sideBar-background": "#181818",
    "--vscode-input-background": "#313131",
    "--vscode-input-foreground": "#cccccc",
    "--vscode-input-border": "#3c3c3c",
    "--vscode-foreground": "#cccccc",
    "--vscode-textLink-foreground": "#4daafc",
    "--vscode-settings-checkboxBackground": "#313131",
    "--vscode-settings-checkboxBorder": "#3c3c3c",
    "--vscode-settings-checkboxForeground": "#cccccc",
    "--vscode-button-secondaryBackground": "#313131",
    "--vscode-button-secondaryForeground": "#cccccc",
    "--vscode-button-secondaryHoverBackground": "#3c3c3c",
    "--vscode-settings-textInputBackground": "#313131",
    "--vscode-settings-textInputBorder": "#3c3c3c",
    "--vscode-settings-textInputForeground": "#cccccc",
    "--vscode-keybindingTable-headerBackground": "#2b2b2b",
    "--vscode-keybindingTable-rowsBackground": "#242424",
    "--vscode-widget-border": "#313131",
  },
};

/** A `:root { … }` rule setting a theme's variables, plus the page colours VS Code sets on body. */
export function themeCss(theme: ThemeName): string {
  const vars = Object.entries(THEMES[theme]).map(([k, v]) => `${k}: ${v};`).join(" ");
  return `:root { ${vars} } body { margin: 12px; background: var(--vscode-editor-background); color: var(--vscode-editor-foreground); }`;
}
