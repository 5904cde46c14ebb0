/**
 * Where the web apps keep their tokens.
 * - Devices (kiosk, display) get a long-lived device token once, in the page URL's
 *   fragment `#token=...` (browsers never send a fragment to the server, so it stays out
 *   of access logs, proxies and Referer headers): it is moved to localStorage and
 *   stripped from the address bar, so it survives reboots of the kiosk PC and does not
 *   show up in screenshots or history. The old `?token=` still works for one release,
 *   with a console warning.
 * - Staff log in and keep their token in sessionStorage (gone when the tab closes).
 */

const DEVICE_TOKEN_KEY = 'turnero.deviceToken';
const STAFF_TOKEN_KEY = 'turnero.staffToken';

function safeStorage(kind: 'local' | 'session'): Storage | null {
  try {
    return kind === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
  } catch {
    return null; // storage disabled (private mode, sandboxed iframe)
  }
}

/**
 * Reads `#token=` (or the old `?token=`) from the current URL, storing it and removing
 * it from the URL, or falls back to the stored device token. `app` lets several apps
 * share one browser.
 */
export function takeDeviceToken(app: string): string | null {
  const key = `${DEVICE_TOKEN_KEY}.${app}`;
  const storage = safeStorage('local');
  const url = new URL(globalThis.location.href);
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
  const fromFragment = fragment.get('token');
  const fromQuery = url.searchParams.get('token');
  const fromUrl = fromFragment ?? fromQuery;
  if (!fromUrl) return storage?.getItem(key) ?? null;
  if (!fromFragment) {
    console.warn('Turnero: ?token= in the address is deprecated (it reaches server logs); open this screen with #token= instead.');
  }
  storage?.setItem(key, fromUrl);
  fragment.delete('token');
  url.searchParams.delete('token');
  url.hash = fragment.toString();
  globalThis.history?.replaceState(globalThis.history.state, '', url.pathname + url.search + url.hash);
  return fromUrl;
}

export function forgetDeviceToken(app: string): void {
  safeStorage('local')?.removeItem(`${DEVICE_TOKEN_KEY}.${app}`);
}

export function getStaffToken(): string | null {
  return safeStorage('session')?.getItem(STAFF_TOKEN_KEY) ?? null;
}

export function setStaffToken(token: string | null): void {
  const storage = safeStorage('session');
  if (token) storage?.setItem(STAFF_TOKEN_KEY, token);
  else storage?.removeItem(STAFF_TOKEN_KEY);
}
