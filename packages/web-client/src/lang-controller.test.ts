import { afterEach, test } from 'vitest';
import assert from 'node:assert/strict';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { getLang, setLang } from './i18n';
import { LangController } from './lang-controller';

/** The part of a Lit element a controller talks to, counting the re-renders it asks for. */
class CountingHost implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  updates = 0;
  readonly updateComplete = Promise.resolve(true);
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates += 1;
  }
  connect(): void {
    for (const c of this.controllers) c.hostConnected?.();
  }
  disconnect(): void {
    for (const c of this.controllers) c.hostDisconnected?.();
  }
}

afterEach(() => setLang('es', false));

test('a connected host re-renders once per language change and toggle flips es and en', () => {
  setLang('es', false);
  const host = new CountingHost();
  const lang = new LangController(host);
  assert.equal(host.controllers.length, 1, 'registers itself with its host');
  host.connect();
  host.connect(); // connected twice (moved in the page): still one subscription
  assert.equal(lang.current, 'es');
  assert.equal(lang.other, 'en');
  lang.toggle();
  assert.equal(getLang(), 'en');
  assert.equal(lang.other, 'es');
  assert.equal(host.updates, 1);
  lang.toggle();
  assert.equal(getLang(), 'es');
  assert.equal(host.updates, 2);
});

test('every subscribed host follows a switch made elsewhere; a disconnected one stops listening', () => {
  const a = new CountingHost();
  const b = new CountingHost();
  new LangController(a);
  new LangController(b);
  a.connect();
  b.connect();
  setLang('en', false);
  assert.deepEqual([a.updates, b.updates], [1, 1]);
  b.disconnect();
  setLang('es', false);
  assert.deepEqual([a.updates, b.updates], [2, 1]);
});
