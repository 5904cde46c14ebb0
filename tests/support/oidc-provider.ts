/**
 * A real OpenID Connect provider for the single sign-on tests (`oidc-provider`, in this
 * process, on a free port of 127.0.0.1): one static confidential client and a few people.
 * Its development login form accepts any login name and password; the name is the
 * person's subject, and their `preferred_username` is what the table below says (a name
 * not in the table signs in as itself, so a test can be "someone the office does not know").
 *
 * `signInThroughProvider` is a browser without a browser: it follows the redirects of a
 * sign-in with fetch and a cookie jar and submits the provider's login and consent forms,
 * returning the address our server finally sends the browser to (the app, with the token
 * or the refusal in its fragment) or our server's refusal itself.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { withDeadline } from './deadline';

export interface TestIdentityProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Stops answering (the provider is down) until `start()` again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

export interface ProviderPerson {
  /** What is typed into the provider's login form (the subject). */
  login: string;
  preferredUsername: string;
  email?: string;
}

export async function startIdentityProvider(opts: {
  /** Where the provider may send people back (each server's callback). */
  redirectUris: string[];
  people: ProviderPerson[];
}): Promise<TestIdentityProvider> {
  const clientId = 'turnero-test';
  const clientSecret = 'a-test-client-secret-of-enough-length';
  let handle: (req: never, res: never) => void = () => undefined;
  const listen = (port: number) =>
    new Promise<Server>((ok, fail) => {
      const s = createServer((req, res) => handle(req as never, res as never));
      s.once('error', fail);
      s.listen(port, '127.0.0.1', () => ok(s));
    });
  let server = await listen(0);
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;
  const byLogin = new Map(opts.people.map((p) => [p.login, p]));
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: opts.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: { openid: ['sub'], profile: ['preferred_username', 'name'], email: ['email'] },
    cookies: { keys: ['test-cookie-key-one-two-three'] },
    pkce: { required: () => true },
    // Lifetimes given, so the provider does not print a notice for each default it uses.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    async findAccount(_ctx, sub) {
      const person = byLogin.get(sub) ?? { login: sub, preferredUsername: sub };
      return {
        accountId: sub,
        async claims() {
          return { sub, preferred_username: person.preferredUsername, name: person.preferredUsername, email: person.email };
        },
      };
    },
  });
  // The provider's own warnings (development keys and forms) are expected here.
  provider.on('server_error', (_ctx, err) => process.stderr.write(`oidc-provider: ${String(err)}\n`));
  handle = provider.callback() as never;
  const close = (s: Server) =>
    new Promise<void>((ok) => {
      s.closeAllConnections();
      s.close(() => ok());
    });
  let running = true;
  return {
    issuer,
    clientId,
    clientSecret,
    async stop() {
      if (!running) return;
      running = false;
      await close(server);
    },
    async start() {
      if (running) return;
      server = await listen(port);
      running = true;
    },
  };
}

/** Cookies by name, per host (cookies do not separate ports), sent when their path matches. */
class CookieJar {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  store(url: URL, headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const path = attrs.map((a) => a.trim()).find((a) => /^path=/i.test(a))?.slice(5) ?? '/';
      const expired = attrs.some((a) => /^max-age=0$/i.test(a.trim()) || /^expires=Thu, 01 Jan 1970/i.test(a.trim()));
      const key = `${url.hostname}|${name}|${path}`;
      if (expired || value === '') this.cookies.delete(key);
      else this.cookies.set(key, { value, path });
    }
  }

  header(url: URL): string {
    const out: string[] = [];
    for (const [key, c] of this.cookies) {
      const [host, name] = key.split('|');
      if (host === url.hostname && url.pathname.startsWith(c.path)) out.push(`${name}=${c.value}`);
    }
    return out.join('; ');
  }
}

export interface SignInOutcome {
  /** Where our server sent the browser at the end (absolute, fragment kept), when it redirected. */
  location: URL | null;
  /** Our server's last answer: its status, and its JSON body when it refused. */
  status: number;
  body: unknown;
  /** The fragment's fields: `sso_token` on success, `sso_error` on a refusal. */
  fragment: URLSearchParams;
  /** The provider's way back to our callback (with `stopAtCallback`: not opened). */
  callback: URL | null;
}

/**
 * Opens `startUrl` (our server's /auth/oidc/start) and behaves like a browser until our
 * server answers with something other than a redirect to the provider: logs in at the
 * provider as `login` (or presses its cancel link: `abortAtProvider`), consents, follows
 * the callback (unless `stopAtCallback`: then the callback address is returned unopened,
 * for a test to open it from elsewhere or twice).
 */
export async function signInThroughProvider(
  startUrl: string,
  login: string,
  opts: { jar?: CookieJar; stopAtCallback?: boolean; abortAtProvider?: boolean; accept?: string } = {},
): Promise<SignInOutcome> {
  const jar = opts.jar ?? new CookieJar();
  const ours = new URL(startUrl).origin;
  let url = new URL(startUrl);
  let method = 'GET';
  let form: URLSearchParams | undefined;
  let callback: URL | null = null;
  for (let hop = 0; hop < 20; hop++) {
    const atCallback = url.origin === ours && url.pathname.endsWith('/auth/oidc/callback');
    if (atCallback) callback = url;
    if (atCallback && opts.stopAtCallback) return { location: null, status: 0, body: null, fragment: new URLSearchParams(), callback };
    const headers: Record<string, string> = { accept: opts.accept ?? 'application/json' };
    const cookie = jar.header(url);
    if (cookie) headers.cookie = cookie;
    if (form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await withDeadline(
      fetch(url, { method, headers, body: form?.toString(), redirect: 'manual' }),
      15_000,
      `${method} ${url.pathname}`,
    );
    jar.store(url, res.headers);
    const location = res.headers.get('location');
    const text = await res.text();
    form = undefined;
    method = 'GET';
    if (location && res.status >= 300 && res.status < 400) {
      const next = new URL(location, url);
      if (url.origin === ours && next.origin === ours && !next.pathname.startsWith('/api/')) {
        return { location: next, status: res.status, body: null, fragment: new URLSearchParams(next.hash.slice(1)), callback };
      }
      url = next;
      continue;
    }
    if (url.origin === ours) {
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        /* an HTML page */
      }
      return { location: null, status: res.status, body, fragment: new URLSearchParams(), callback };
    }
    // A provider page: its login form, else its consent form (or its cancel link).
    const abort = /href="([^"]*\/abort)"/.exec(text)?.[1];
    if (opts.abortAtProvider && abort) {
      url = new URL(abort.replace(/&amp;/g, '&'), url);
      continue;
    }
    const action = /<form[^>]*action="([^"]+)"[^>]*method="post"/i.exec(text)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(text)?.[1];
    if (!action || !prompt) throw new Error(`unexpected provider page (${res.status}) at ${url.pathname}: ${text.slice(0, 300)}`);
    url = new URL(action.replace(/&amp;/g, '&'), url);
    method = 'POST';
    form = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
  }
  throw new Error('too many redirects');
}

export { CookieJar };
