/**
 * Cross-site socket connections (issue 11, item 7): a page on another site must not open
 * a socket to the office (with a token it got hold of, or as a ticket's public page);
 * the office's own pages, PUBLIC_URL, ALLOWED_ORIGINS and non-browser clients may.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { startInProcessOffice, type InProcessOffice } from '../support/office';
import { trySocket } from './support';

let office: InProcessOffice;

beforeAll(async () => {
  office = await startInProcessOffice({
    env: { PUBLIC_URL: 'https://turnero.oficina.example', ALLOWED_ORIGINS: 'https://tablero.example, https://kiosco.example:8443' },
  });
});
afterAll(async () => {
  await office?.stop();
});

/** 'connected', or the handshake's failure. */
function open(transport: 'websocket' | 'polling', origin: string | undefined): Promise<string> {
  return trySocket(office.url, { auth: { token: office.creds.displayToken }, transports: [transport], extraHeaders: origin ? { origin } : {} });
}

describe('socket.io Origin', () => {
  for (const transport of ['websocket', 'polling'] as const) {
    test(`a page on another site is refused (${transport})`, async () => {
      assert.match(await open(transport, 'https://evil.example'), /^refused/);
      assert.match(await open(transport, 'null'), /^refused/, 'a sandboxed frame or a file: page');
      assert.match(await open(transport, 'https://turnero.oficina.example.evil.example'), /^refused/);
    });

    test(`PUBLIC_URL, ALLOWED_ORIGINS, the page's own origin and clients without Origin connect (${transport})`, async () => {
      assert.equal(await open(transport, 'https://turnero.oficina.example'), 'connected');
      assert.equal(await open(transport, 'https://tablero.example'), 'connected');
      assert.equal(await open(transport, 'https://kiosco.example:8443'), 'connected');
      assert.equal(await open(transport, office.url), 'connected', 'same origin (the page was served by this server)');
      assert.equal(await open(transport, undefined), 'connected', 'the kiosk agent, a script');
    });
  }
});
