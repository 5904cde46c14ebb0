/**
 * A person's data requests: exactly one identifier per request, and the audit entry keeps
 * the value only masked (the length and the last two characters, never more).
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { auditEntry, auditEntryDto, AuditQuery, maskSubject, PersonalDataQuery, subjectOf } from './personal-data';
import { accepts, rejects } from './test-fixtures';

describe('a personal-data query', () => {
  it('takes exactly one of an ID number, a phone or an e-mail', () => {
    assert.deepEqual(subjectOf(accepts(PersonalDataQuery, { idNumber: '1020304050' })), { kind: 'idNumber', value: '1020304050' });
    assert.deepEqual(subjectOf(accepts(PersonalDataQuery, { phone: '+57 300 555 0101' })), { kind: 'phone', value: '+57 300 555 0101' });
    assert.deepEqual(subjectOf(accepts(PersonalDataQuery, { email: 'ana@example.co' })), { kind: 'email', value: 'ana@example.co' });
    rejects(PersonalDataQuery, {});
    rejects(PersonalDataQuery, { idNumber: '1020304050', email: 'ana@example.co' });
    rejects(PersonalDataQuery, { name: 'Ana' });
  });

  it('refuses values no kiosk or person would give', () => {
    rejects(PersonalDataQuery, { idNumber: '123' }, ['idNumber']);
    rejects(PersonalDataQuery, { idNumber: '1'.repeat(21) }, ['idNumber']);
    rejects(PersonalDataQuery, { idNumber: "1' OR 1=1" }, ['idNumber']);
    rejects(PersonalDataQuery, { phone: 'call me' }, ['phone']);
    rejects(PersonalDataQuery, { email: 'not-an-address' }, ['email']);
  });

  it('lists at most 500 audit entries, 100 unless asked', () => {
    assert.equal(accepts(AuditQuery, {}).limit, 100);
    assert.equal(accepts(AuditQuery, { limit: '500' }).limit, 500);
    rejects(AuditQuery, { limit: '501' }, ['limit']);
    rejects(AuditQuery, { limit: '0' }, ['limit']);
  });
});

describe('the audit entry', () => {
  it('masks all but the last two characters, and short values entirely', () => {
    assert.equal(maskSubject('1020304050'), '********50');
    assert.equal(maskSubject('1234567'), '*****67');
    assert.equal(maskSubject('123456'), '******');
  });

  it('records who, when, what and how many, never the value itself', () => {
    const at = new Date('2026-03-02T15:00:00Z');
    const entry = auditEntry({ id: 'u-1', name: 'Ana Admin' }, 'export', { email: 'ana.perez@example.co' }, 2, at);
    assert.deepEqual(entry, {
      at, actorId: 'u-1', actorName: 'Ana Admin', action: 'export', subjectKind: 'email', subjectMasked: '******************co', records: 2,
    });
    assert.ok(!JSON.stringify(entry).includes('perez'));
    assert.deepEqual(auditEntryDto({ ...entry, id: 7 }), { ...entry, id: 7, at: '2026-03-02T15:00:00.000Z' });
  });
});
