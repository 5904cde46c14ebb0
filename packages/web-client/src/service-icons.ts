/**
 * Line icons for services, drawn inline (no icon font, no network): the kiosk's tiles draw
 * them and the admin's icon picker offers exactly these. A service's `icon` names one of
 * them; an unknown name falls back to its letter prefix.
 */
import { svg, type SVGTemplateResult } from 'lit';

const ICONS: Record<string, SVGTemplateResult> = {
  receipt: svg`<path d="M6 3h12v18l-3-2-3 2-3-2-3 2z"/><path d="M9 8h6M9 12h6M9 16h4"/>`,
  chat: svg`<path d="M4 5h16v11H9l-5 4z"/><path d="M8 9h8M8 12h5"/>`,
  plug: svg`<path d="M9 3v5M15 3v5"/><path d="M6 8h12v3a6 6 0 0 1-12 0z"/><path d="M12 17v4"/>`,
  handshake: svg`<path d="M2 12l4-4 4 2 4-3 4 1 4 4"/><path d="M6 14l4 4 2-1 2 2 2-2 2 1 2-4"/><path d="M10 10l3 3"/>`,
  ticket: svg`<path d="M3 7h18v3a2 2 0 0 0 0 4v3H3v-3a2 2 0 0 0 0-4z"/><path d="M14 7v10" stroke-dasharray="2 2"/>`,
  cash: svg`<rect x="2" y="6" width="20" height="12" rx="2"/><circle cx="12" cy="12" r="3"/>`,
  water: svg`<path d="M12 3c4 5 6 8 6 11a6 6 0 0 1-12 0c0-3 2-6 6-11z"/>`,
  bolt: svg`<path d="M13 2L4 14h7l-1 8 9-12h-7z"/>`,
  gas: svg`<path d="M12 3c3 4 6 6 6 11a6 6 0 0 1-12 0c0-3 2-5 3-6 0 3 1 4 3 4-1-3 0-6 0-9z"/>`,
  document: svg`<path d="M6 3h8l4 4v14H6z"/><path d="M14 3v4h4M9 12h6M9 16h6"/>`,
  user: svg`<circle cx="12" cy="8" r="4"/><path d="M4 21c1-4 4-6 8-6s7 2 8 6"/>`,
};

export function serviceIcon(name: string, fallback: string) {
  const icon = ICONS[name];
  if (!icon) return svg`<text x="12" y="16.5" text-anchor="middle" font-size="13" font-weight="800" fill="currentColor" stroke="none">${fallback}</text>`;
  return icon;
}

/** The icon names a service may use, in the order the admin's picker lists them. */
export const SERVICE_ICON_NAMES = Object.keys(ICONS);
