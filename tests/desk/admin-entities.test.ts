import { test } from 'vitest';
import assert from 'node:assert/strict';
import { deviceUrl, ENTITIES, formToBody } from '../../desk/src/lib/admin-entities';

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
