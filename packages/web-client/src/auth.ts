/**
 * Where the web apps keep their tokens.
 * - Devices (kiosk, display) get a long-lived device token once, in the page URL
 *   `?token=...`: it is moved to localStorage and stripped from the address bar, so it
 *   survives reboots of the kiosk PC and does not show up in screenshots or history.
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
 * Reads `?token=` from the current URL (storing it and removing it from the URL) or
 * falls back to the stored device token. `key` lets several apps share one browser.
 */
export function takeDeviceToken(app: string): string | null {
  const key = `${DEVICE_TOKEN_KEY}.${app}`;
  const storage = safeStorage('local');
  const url = new URL(globalThis.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage?.setItem(key, fromUrl);
    url.searchParams.delete('token');
    globalThis.history?.replaceState(globalThis.history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return storage?.getItem(key) ?? null;
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
