import { colord, extend, type Colord } from "colord";
import a11yPlugin from "colord/plugins/a11y";
import mixPlugin from "colord/plugins/mix";

extend([a11yPlugin, mixPlugin]);

/** WCAG 2 AA for normal text: links are body-size text, and buttons put white text on the accent. */
export const AA_TEXT_CONTRAST = 4.5;

/** The page backgrounds the accent is read against (Tailwind's white, and zinc-900/950 in the dark theme). */
export const LIGHT_BACKGROUND = "#ffffff";
const DARK_BACKGROUNDS = ["#09090b", "#18181b"] as const;

const HEX = /^#?(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

/** "#4F46E5", "4f46e5" or "#48e" as "#4f46e5"; null for anything that is not a hex colour. */
export function normaliseHexColour(raw: string): string | null {
  const value = raw.trim();
  if (!HEX.test(value)) return null;
  const digits = value.replace(/^#/, "").toLowerCase();
  return `#${digits.length === 3 ? [...digits].map((d) => d + d).join("") : digits}`;
}

/** WCAG 2 contrast ratio of two colours, rounded down to two decimals (so 4.499 never reads as 4.5). */
export function contrastRatio(a: string, b: string): number {
  return Math.floor(colord(a).contrast(b) * 100 + 1e-9) / 100;
}

/**
 * Whether the accent can be used for link text on the light background and as a button behind white
 * text: both are the same ratio (accent against white). The dark theme gets a lighter derived shade.
 */
export function accentContrast(hex: string): { ratio: number; passes: boolean } {
  const ratio = contrastRatio(hex, LIGHT_BACKGROUND);
  return { ratio, passes: ratio >= AA_TEXT_CONTRAST };
}

/** The accent mixed towards white in 5 % steps until it reads at `min` against every dark background. */
function lightenFor(colour: Colord, min: number): Colord {
  for (let step = 0; step <= 20; step++) {
    const candidate = colour.mix("#ffffff", step / 20, "rgb");
    if (DARK_BACKGROUNDS.every((bg) => candidate.contrast(bg) >= min)) return candidate;
  }
  return colord("#ffffff");
}

/**
 * The CSS custom properties that re-colour reader pages with `hex`: the stylesheet's accent is Tailwind's
 * indigo scale, so each shade it uses is overridden. Light-theme text and buttons use the accent itself
 * (checked with accentContrast); dark-theme text and focus rings a lighter shade that passes AA there.
 */
export function accentProperties(hex: string): Record<`--${string}`, string> {
  const accent = colord(hex);
  const darkText = lightenFor(accent, AA_TEXT_CONTRAST);
  return {
    "--site-accent": accent.toHex(),
    "--color-indigo-50": accent.mix("#ffffff", 0.92, "rgb").toHex(),
    "--color-indigo-100": accent.mix("#ffffff", 0.85, "rgb").toHex(),
    "--color-indigo-200": darkText.mix("#ffffff", 0.4, "rgb").toHex(),
    "--color-indigo-300": darkText.toHex(),
    "--color-indigo-400": darkText.toHex(),
    "--color-indigo-500": accent.toHex(),
    "--color-indigo-600": accent.toHex(),
    "--color-indigo-700": accent.toHex(),
    "--color-indigo-800": accent.mix("#000000", 0.2, "rgb").toHex(),
    "--color-indigo-950": accent.mix("#09090b", 0.8, "rgb").toHex(),
  };
}

/** A CSS rule setting accentProperties on `selector`, for a <style> element (values are generated hex only). */
export function accentStyleSheet(hex: string, selector = ":root"): string {
  const declarations = Object.entries(accentProperties(hex))
    .map(([name, value]) => `${name}:${value}`)
    .join(";");
  return `${selector}{${declarations}}`;
}
