import { test } from 'vitest';
import assert from 'node:assert/strict';
import { DESK_MESSAGES, MESSAGE_PARTS } from '../../desk/src/lib/messages';

test('the staff catalogue: each key in exactly one page part, in both languages, never empty', () => {
  const owner = new Map<string, string>();
  for (const [part, { es, en }] of Object.entries(MESSAGE_PARTS)) {
    assert.deepEqual(Object.keys(en).sort(), Object.keys(es).sort(), `${part}: the same keys in Spanish and English`);
    for (const key of Object.keys(es)) {
      assert.equal(owner.get(key), undefined, `${key} is defined in ${owner.get(key)} and again in ${part}`);
      owner.set(key, part);
    }
  }
  for (const lang of ['es', 'en'] as const) {
    const catalogue: Record<string, string> = DESK_MESSAGES[lang];
    assert.equal(Object.keys(catalogue).length, owner.size, `${lang}: one catalogue holds every part`);
    for (const [key, text] of Object.entries(catalogue)) assert.ok(text.trim().length > 0, `${lang} ${key} is empty`);
  }
});

test('Spanish first: the desk pages read Spanish, English on demand', () => {
  assert.equal(DESK_MESSAGES.es['pick.submit'], 'Abrir módulo');
  assert.equal(DESK_MESSAGES.en['pick.submit'], 'Open counter');
  assert.equal(DESK_MESSAGES.es['lang.switch'], 'English');
  assert.equal(DESK_MESSAGES.en['lang.switch'], 'Español');
});
