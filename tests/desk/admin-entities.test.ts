import { test } from 'vitest';
import assert from 'node:assert/strict';
import { deviceUrl, ENTITIES, fieldsForKind, fieldValue, formToBody } from '../../desk/src/lib/admin-entities';

const fields = (kind: string) => ENTITIES.find((e) => e.kind === kind)!.fields;
const form = (values: Record<string, string>) => ({ get: (name: string) => values[name] ?? null });

test('creating a service sends numbers as numbers and the prefix upper-cased', () => {
  const body = formToBody(
    fields('services'),
    form({ prefix: 'b', nameEs: ' Reclamos ', nameEn: 'Claims', targetWaitMinutes: '20', color: '#ff0000', icon: '', sortOrder: '2' }),
    'create',
  );
  assert.deepEqual(body, { prefix: 'B', nameEs: 'Reclamos', nameEn: 'Claims', targetWaitMinutes: 20, color: '#ff0000', sortOrder: 2 });
});

test('editing a user never sends the username or password, and can clear the home counter', () => {
  const body = formToBody(
    fields('users'),
    form({ username: 'x', password: 'y', displayName: 'Ana Gómez', role: 'agent', counterId: '' }),
    'edit',
  );
  assert.deepEqual(body, { displayName: 'Ana Gómez', role: 'agent', counterId: null });
});

test('creating a user leaves an empty optional counter out', () => {
  const body = formToBody(fields('users'), form({ username: 'ana', displayName: 'Ana', role: 'agent', password: 'secreta' }), 'create');
  assert.deepEqual(body, { username: 'ana', displayName: 'Ana', role: 'agent', password: 'secreta' });
});

test('a device URL opens the right app with the token once, URL-encoded', () => {
  assert.equal(deviceUrl('http://office:8080/', 'kiosk', 'a b'), 'http://office:8080/dispenser/#token=a%20b');
  assert.equal(deviceUrl('http://office:8080', 'display', 'tok'), 'http://office:8080/display/#token=tok');
});

test('a survey tablet form offers one counter and sends it as its only counter; other kinds never see or send it', () => {
  const devices = fields('devices');
  assert.ok(fieldsForKind(devices, 'survey').some((f) => f.name === 'surveyCounterId'));
  for (const kind of ['display', 'kiosk']) {
    const shown = fieldsForKind(devices, kind);
    assert.ok(!shown.some((f) => f.name === 'surveyCounterId'), `${kind} has no survey counter`);
    // A display's multi-counter list is left alone: the body carries no counterIds.
    assert.ok(!('counterIds' in formToBody(shown, form({ name: 'Pantalla', surveyCounterId: 'c-1' }), 'edit')));
  }
  const created = formToBody(fieldsForKind(devices, 'survey'), form({ kind: 'survey', name: 'Tableta 1', surveyCounterId: 'c-2' }), 'create');
  assert.deepEqual(created, { kind: 'survey', name: 'Tableta 1', counterIds: ['c-2'] });
  const edited = formToBody(fieldsForKind(devices, 'survey'), form({ name: 'Tableta 1', printerUri: '', surveyCounterId: 'c-3' }), 'edit');
  assert.deepEqual(edited, { name: 'Tableta 1', printerUri: null, counterIds: ['c-3'] });
});

test('a survey tablet form shows the counter it is linked to', () => {
  const field = fields('devices').find((f) => f.name === 'surveyCounterId')!;
  assert.equal(fieldValue(field, { kind: 'survey', counterIds: ['c-9'] }), 'c-9');
  assert.equal(fieldValue(field, { kind: 'survey', counterIds: [] }), undefined);
  const name = fields('devices').find((f) => f.name === 'name')!;
  assert.equal(fieldValue(name, { name: 'Tableta' }), 'Tableta');
});
