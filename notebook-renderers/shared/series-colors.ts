/**
 * Series colours that stay visible in every theme. VS Code's `charts.*` colours are not all meant
 * for lines: `charts.orange` defaults to a translucent find-match highlight (#EA5C0055), which
 * becomes a dark brown line on a dark editor and a pale smear on a light one. So each theme colour
 * is resolved in the page, made opaque, and moved toward the editor's foreground until it keeps a
 * 3:1 contrast with the editor background (WCAG's minimum for graphics).
 */
import { SERIES_COLORS } from "./theme";

type Rgb = [number, number, number];

/** WCAG's minimum contrast for lines, marks and legend swatches. */
export const GRAPHIC_CONTRAST = 3;

function parseRgb(css: string): { rgb: Rgb; alpha: number } | undefined {
  const m = css.match(/rgba?\(\s*([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)/);
  if (!m) return undefined;
  const alpha = m[4] === undefined ? 1 : m[4].endsWith("%") ? Number(m[4].slice(0, -1)) / 100 : Number(m[4]);
  return { rgb: [Number(m[1]), Number(m[2]), Number(m[3])], alpha };
}

function luminance([r, g, b]: Rgb): number {
  const lin = (v: number) => {
    const x = v / 255;
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [x, y] = [luminance(a), luminance(b)];
  return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * t)) as Rgb;

/** A colour as the page computes it (`var(--x, fallback)` included), or undefined if it cannot be read. */
function computed(probe: HTMLElement, css: string): { rgb: Rgb; alpha: number } | undefined {
  probe.style.color = "";
  probe.style.color = css;
  return parseRgb(getComputedStyle(probe).color);
}

/** A theme variable's colour, or undefined where the page does not define it (outside VS Code). */
function themeVariable(probe: HTMLElement, name: string): { rgb: Rgb; alpha: number } | undefined {
  const value = getComputedStyle(probe).getPropertyValue(name).trim();
  return value ? computed(probe, value) : undefined;
}

/** `color` made opaque and, if it fades into `background`, mixed toward `foreground` until it reads. */
export function readableOn(color: Rgb, background: Rgb, foreground: Rgb): Rgb {
  let out = color;
  for (let t = 0.1; contrastRatio(out, background) < GRAPHIC_CONTRAST && t <= 1.0001; t += 0.1) out = mix(color, foreground, t);
  return out;
}

/**
 * The series colours for the current theme as opaque `rgb()` values. Call it when drawing (not at
 * load): the theme can change between two outputs.
 */
export function seriesColors(): string[] {
  const probe = document.createElement("span");
  probe.style.display = "none";
  document.body.appendChild(probe);
  try {
    const bodyBg = parseRgb(getComputedStyle(document.body).backgroundColor);
    const bg = themeVariable(probe, "--vscode-editor-background") ?? (bodyBg && bodyBg.alpha > 0 ? bodyBg : undefined);
    const fg = themeVariable(probe, "--vscode-editor-foreground") ?? themeVariable(probe, "--vscode-foreground") ?? parseRgb(getComputedStyle(document.body).color);
    return SERIES_COLORS.map((css) => {
      const c = computed(probe, css);
      if (!c) return css;
      const readable = bg && fg && bg.alpha > 0 ? readableOn(c.rgb, bg.rgb, fg.rgb) : c.rgb;
      return `rgb(${readable.join(", ")})`;
    });
  } finally {
    probe.remove();
  }
}
