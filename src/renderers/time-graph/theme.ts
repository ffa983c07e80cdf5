/**
 * Canvas colours from JupyterLab's CSS variables (light and dark themes), with fallbacks for pages without a
 * JupyterLab theme (the benchmark page, jsdom).
 *
 * Scope: reading computed styles; re-read when JupyterLab switches theme (`data-jp-theme-name` on body).
 */

/** Colours and font the painters use. */
export interface ITheme {
  background: string;
  stripe: string;
  text: string;
  mutedText: string;
  border: string;
  accent: string;
  cursor: string;
  selection: string;
  highlight: string;
  font: string;
  dark: boolean;
}

const LIGHT: ITheme = {
  background: '#ffffff',
  stripe: '#f5f5f5',
  text: '#212121',
  mutedText: '#616161',
  border: '#e0e0e0',
  accent: '#1976d2',
  cursor: '#d32f2f',
  selection: 'rgba(25, 118, 210, 0.15)',
  highlight: '#ff9800',
  font: '11px system-ui, -apple-system, "Segoe UI", sans-serif',
  dark: false
};

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  return v.length > 0 ? v : fallback;
}

/** The theme in effect for `node`. */
export function readTheme(node: Element): ITheme {
  const style = getComputedStyle(node);
  const dark = document.body?.dataset.jpThemeLight === 'false';
  const family = cssVar(style, '--jp-ui-font-family', '');
  return {
    background: cssVar(style, '--jp-layout-color0', dark ? '#111111' : LIGHT.background),
    stripe: cssVar(style, '--jp-layout-color1', dark ? '#1e1e1e' : LIGHT.stripe),
    text: cssVar(style, '--jp-ui-font-color0', dark ? '#ffffff' : LIGHT.text),
    mutedText: cssVar(style, '--jp-ui-font-color2', dark ? '#bdbdbd' : LIGHT.mutedText),
    border: cssVar(style, '--jp-border-color2', dark ? '#424242' : LIGHT.border),
    accent: cssVar(style, '--jp-brand-color1', LIGHT.accent),
    cursor: cssVar(style, '--jp-error-color1', LIGHT.cursor),
    selection: dark ? 'rgba(100, 181, 246, 0.2)' : LIGHT.selection,
    highlight: cssVar(style, '--jp-warn-color1', LIGHT.highlight),
    font: family ? `11px ${family}` : LIGHT.font,
    dark
  };
}

/** Calls `onChange` whenever JupyterLab changes theme; returns a disconnect function. */
export function watchTheme(onChange: () => void): () => void {
  if (typeof MutationObserver === 'undefined' || !document.body) return () => undefined;
  const obs = new MutationObserver(onChange);
  obs.observe(document.body, {
    attributes: true,
    attributeFilter: ['data-jp-theme-name', 'data-jp-theme-light']
  });
  return () => obs.disconnect();
}
