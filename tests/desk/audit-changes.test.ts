import { test } from 'vitest';
import assert from 'node:assert/strict';
import { fieldChanges, subjectName } from '../../desk/src/lib/audit-changes';

test('a change lists only the fields that differ, by name, without ids or secrets', () => {
  const names = new Map([['c-2', 'Módulo 2']]);
  const changes = fieldChanges(
    {
      before: { id: 'u-1', username: 'ana', counterId: null, passwordHash: 'x', active: true },
      after: { id: 'u-1', username: 'ana', counterId: 'c-2', passwordHash: 'y', active: true },
    },
    (v) => names.get(v),
  );
  assert.deepEqual(changes, [{ field: 'counterId', before: '—', after: 'Módulo 2' }]);
});

test('a new row shows each of its fields as coming from nothing; a refusal shows its reason', () => {
  assert.deepEqual(fieldChanges({ before: null, after: { prefix: 'R', targetWaitMinutes: 15 } }), [
    { field: 'prefix', before: '—', after: 'R' },
    { field: 'targetWaitMinutes', before: '—', after: '15' },
  ]);
  assert.deepEqual(fieldChanges({ before: null, after: { reason: 'prefix B is used' } }), [{ field: 'reason', before: '—', after: 'prefix B is used' }]);
});

test('the subject is named by the row (service, counter, person), else its id', () => {
  assert.equal(subjectName({ subject: 's-1', before: null, after: { nameEs: 'Reclamos', name: 'Reclamos' } }), 'Reclamos');
  assert.equal(subjectName({ subject: 'u-1', before: { username: 'ana' }, after: null }), 'ana');
  assert.equal(subjectName({ subject: '7', before: null, after: { reason: 'x' } }), '7');
});
