/**
 * Styles shared by every renderer. Colours come only from VS Code's theme variables, so the views
 * follow light, dark and high-contrast themes; the fallbacks after each variable keep them
 * readable in other front ends that load the renderer without those variables.
 */
import { ensureStyle } from "./dom";

export const SERIES_COLORS = [
  "var(--vscode-charts-blue, #3794ff)",
  "var(--vscode-charts-orange, #d18616)",
  "var(--vscode-charts-green, #89d185)",
  "var(--vscode-charts-purple, #b180d7)",
  "var(--vscode-charts-red, #f14c4c)",
  "var(--vscode-charts-yellow, #cca700)",
];

const CSS = `
/* Status colours as text: VS Code's warning (#BF8803) and error (#F85149) foregrounds are made for
   squiggles and icons and read at about 3:1 on a light editor; mixed 60/40 with the editor's text
   colour they keep their hue and reach 4.5:1 on light, dark and high-contrast backgrounds. */
.aibook-view, .aibook-error {
  --aibook-warning-text: color-mix(in srgb, var(--vscode-editorWarning-foreground, #bf8803) 60%, var(--vscode-editor-foreground, #333));
  --aibook-error-text: color-mix(in srgb, var(--vscode-errorForeground, #f14c4c) 60%, var(--vscode-editor-foreground, #333));
  --aibook-info-text: color-mix(in srgb, var(--vscode-editorInfo-foreground, #3794ff) 60%, var(--vscode-editor-foreground, #333)); }
.aibook-view { font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px);
  color: var(--vscode-editor-foreground, #333); line-height: 1.4; max-width: 100%; box-sizing: border-box; }
.aibook-view * { box-sizing: border-box; }
.aibook-view .muted { color: var(--vscode-descriptionForeground, #717171); }
.aibook-view .title { font-weight: 600; font-size: 1.1em; margin: 0 0 4px; }
.aibook-view .summary { color: var(--vscode-descriptionForeground, #717171); margin-bottom: 8px; }
.aibook-view .badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-size: 0.85em; white-space: nowrap;
  background: var(--vscode-badge-background, #c4c4c4); color: var(--vscode-badge-foreground, #333); }
.aibook-view .best { background: var(--vscode-charts-green, #388a34); color: var(--vscode-editor-background, #fff); }
.aibook-view .num { text-align: right; font-variant-numeric: tabular-nums; font-family: var(--vscode-editor-font-family, monospace); }
.aibook-view table.grid { border-collapse: collapse; margin: 4px 0 8px; }
.aibook-view table.grid th, .aibook-view table.grid td { padding: 3px 10px; border-bottom: 1px solid var(--vscode-panel-border, rgba(128,128,128,.35)); text-align: left; }
.aibook-view table.grid th { font-weight: 600; color: var(--vscode-descriptionForeground, #717171); white-space: nowrap; }
.aibook-view .nowrap, .aibook-view table.grid td.num { white-space: nowrap; }
/* A table wider than a narrow output (a notebook beside the metrics panel) scrolls instead of squeezing its text. */
.aibook-view .scroll-x { overflow-x: auto; max-width: 100%; }
/* Numbers line up on their last digit: this rule must outrank the left alignment of grid cells above. */
.aibook-view table.grid td.num, .aibook-view table.grid th.num { text-align: right; }
.aibook-view .warnings { margin: 6px 0 10px; padding: 6px 10px 6px 28px; border-left: 3px solid var(--vscode-editorWarning-foreground, #bf8803);
  background: var(--vscode-inputValidation-warningBackground, rgba(191,136,3,.08)); }
.aibook-view .warnings li { margin: 2px 0; }
.aibook-view .sev-error { color: var(--aibook-error-text); font-weight: 600; }
.aibook-view .sev-warning { color: var(--aibook-warning-text); font-weight: 600; }
.aibook-view .sev-info { color: var(--aibook-info-text); font-weight: 600; }
.aibook-view .missing { color: var(--vscode-descriptionForeground, #717171); font-style: italic;
  background: var(--vscode-diffEditor-removedTextBackground, rgba(255,0,0,.08)); }
.aibook-view .tiles { display: flex; flex-wrap: wrap; gap: 8px; margin: 6px 0 12px; }
.aibook-view .tile { padding: 6px 12px; border: 1px solid var(--vscode-panel-border, rgba(128,128,128,.35)); border-radius: 4px; min-width: 96px; }
.aibook-view .tile .value { font-size: 1.5em; font-weight: 600; font-variant-numeric: tabular-nums; }
.aibook-view .tile .label { color: var(--vscode-descriptionForeground, #717171); font-size: 0.9em; }
.aibook-view .row { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
.aibook-view h4 { margin: 8px 0 4px; font-size: 1em; }
.aibook-view svg { overflow: visible; }
.aibook-view svg text { fill: var(--vscode-descriptionForeground, #717171); font-size: 11px; font-family: var(--vscode-font-family, sans-serif); }
/* A chart's title is its heading: the text colour, not the grey of tick labels. */
.aibook-view svg text.plot-title { fill: var(--vscode-editor-foreground, #333); font-size: 12px; }
.aibook-view svg .axis { stroke: var(--vscode-panel-border, rgba(128,128,128,.5)); }
.aibook-view svg .gridline { stroke: var(--vscode-panel-border, rgba(128,128,128,.2)); stroke-dasharray: 2 3; }
.aibook-view svg .ref { stroke: var(--vscode-descriptionForeground, #888); stroke-dasharray: 4 4; }
.aibook-view .bar-track { display: inline-block; width: 80px; height: 8px; background: var(--vscode-panel-border, rgba(128,128,128,.25)); vertical-align: middle; border-radius: 2px; }
.aibook-view .bar-fill { display: block; height: 100%; background: var(--vscode-charts-blue, #3794ff); border-radius: 2px; }
.aibook-view .legend { display: flex; gap: 12px; flex-wrap: wrap; font-size: 0.9em; }
.aibook-view .swatch { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; vertical-align: middle; }
.aibook-view table.confusion td.cm-cell { min-width: 64px; text-align: center; border: 1px solid var(--vscode-panel-border, rgba(128,128,128,.35)); }
.aibook-view table.confusion .cm-share { font-size: .85em; opacity: .8; }
/* The numbers sit on the editor's own background, so they read on any shade of the heatmap in every theme. */
.aibook-view table.confusion td.cm-cell > div { display: inline-block; padding: 0 4px; border-radius: 3px; background: var(--vscode-editor-background, var(--vscode-notebook-outputContainerBackgroundColor, transparent)); color: var(--vscode-foreground, inherit); }
.aibook-view table.confusion th { text-align: center; }
.aibook-view .confusion-wrap { overflow-x: auto; max-width: 100%; }
/* A flex item grows to its content by default: a wide matrix then pushed out of the output. */
.aibook-view .row > div { min-width: 0; max-width: 100%; }
.aibook-view table.confusion.compact { border-collapse: collapse; }
.aibook-view table.confusion.compact td.cm-cell { min-width: 0; width: 9px; height: 9px; padding: 0; border-width: 0 1px 1px 0; }
.aibook-view table.confusion.compact th { padding: 0 4px; font-weight: 400; font-size: 10px; line-height: 9px; }
.aibook-view table.confusion.compact th.cm-row > span { display: block; max-width: 140px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; text-align: right; }
.aibook-view table.confusion.compact th.cm-col { padding: 4px 0; vertical-align: bottom; }
.aibook-view table.confusion.compact th.cm-col > span { display: block; writing-mode: vertical-rl; transform: rotate(180deg); max-height: 90px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.aibook-view .scroll-y { max-height: 400px; overflow-y: auto; }
.aibook-error { color: var(--aibook-error-text); }
body.vscode-high-contrast .aibook-view table.grid th, body.vscode-high-contrast .aibook-view table.grid td { border-color: var(--vscode-contrastBorder, #6fc3df); }
`;

/** A wrapper that lets a wide table scroll sideways within the output. */
export function scrollX(table: HTMLElement): HTMLElement {
  const wrap = document.createElement("div");
  wrap.className = "scroll-x";
  wrap.appendChild(table);
  return wrap;
}

export function useTheme(): void {
  ensureStyle("aibook-theme", CSS);
}

/** A small horizontal bar showing a share 0..1. */
export function shareBar(share: number, color?: string): HTMLElement {
  const track = document.createElement("span");
  track.className = "bar-track";
  const fill = document.createElement("span");
  fill.className = "bar-fill";
  fill.style.width = `${Math.max(0, Math.min(1, share)) * 100}%`;
  if (color) fill.style.background = color;
  track.appendChild(fill);
  return track;
}
