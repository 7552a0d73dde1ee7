import { describe, expect, it } from 'vitest';
import { SyncError, type AdminUser } from '../../sync/api';
import { adminErrorKey, changeOf, emptyUserForm, formOf, formProblems, newUserOf } from './users';

const officer: AdminUser = {
  id: 'u1', username: 'somchai', displayName: 'สมชาย ใจดี', role: 'officer', provinceCodes: ['99'], laoIds: ['lao-1'], disabled: false, hasPassword: true,
  contractSignedOn: '2025-10-01', hiringDocsSentOn: null,
};

describe('the administrators’ user form', () => {
  it('refuses a bad username, a blank name, no province and a short password before anything is sent', () => {
    expect(formProblems({ ...emptyUserForm(), username: 'A b', password: 'short' }, true)).toEqual({
      username: 'usernameFormat', displayName: 'displayNameRequired', provinceCodes: 'provinceRequired', password: 'passwordTooShort',
    });
    expect(formProblems({ ...emptyUserForm(['99']), username: 'som.chai', displayName: 'สมชาย', password: 'long-enough' }, true)).toEqual({});
    // An administrator needs no province; an edit may leave the password empty.
    expect(formProblems({ ...formOf({ ...officer, role: 'admin', provinceCodes: [] }) }, false)).toEqual({});
  });

  it('refuses a pasted NUL or broken character in the name or password, as the server would', () => {
    const form = { ...emptyUserForm(['99']), username: 'som.chai', displayName: 'สมชาย\u0000', password: 'long-enough\ud800' };
    expect(formProblems(form, true)).toEqual({ displayName: 'textInvalid', password: 'textInvalid' });
    expect(adminErrorKey(new SyncError('BAD_RESPONSE', 400, 'INVALID_TEXT'))).toBe('admin.error.INVALID_TEXT');
  });

  it('sends LAOs only for officers, and none means the whole province', () => {
    const form = { ...emptyUserForm(['99']), username: 'x-officer', displayName: ' นาง ก ', password: 'password1', laoIds: ['lao-1'] };
    expect(newUserOf(form)).toEqual({
      username: 'x-officer', displayName: 'นาง ก', role: 'officer', provinceCodes: ['99'], laoIds: ['lao-1'], password: 'password1', contractSignedOn: null, hiringDocsSentOn: null,
    });
    expect(newUserOf({ ...form, laoIds: [] }).laoIds).toBeNull();
    expect(newUserOf({ ...form, role: 'supervisor' }).laoIds).toBeNull();
  });

  it('sends only what changed, never an empty password', () => {
    expect(changeOf(officer, formOf(officer))).toEqual({});
    expect(changeOf(officer, { ...formOf(officer), laoIds: [], disabled: true })).toEqual({ laoIds: null, disabled: true });
    expect(changeOf(officer, { ...formOf(officer), role: 'supervisor', password: 'new-password' })).toEqual({ role: 'supervisor', laoIds: null, password: 'new-password' });
  });

  it('shows the contract dates in B.E., sends them as ISO dates, and only when they changed', () => {
    const form = formOf(officer);
    expect([form.contractSignedOn, form.hiringDocsSentOn]).toEqual(['01/10/2568', '']);
    expect(changeOf(officer, { ...form, hiringDocsSentOn: '10/10/2568' })).toEqual({ hiringDocsSentOn: '2025-10-10' });
    // Emptied: cleared on the server.
    expect(changeOf(officer, { ...form, contractSignedOn: ' ' })).toEqual({ contractSignedOn: null });
    expect(newUserOf({ ...emptyUserForm(['99']), contractSignedOn: '29/02/2567' }).contractSignedOn).toBe('2024-02-29');
  });

  it('refuses a date that is not one, and documents sent before the contract, under their own fields', () => {
    expect(formProblems({ ...formOf(officer), contractSignedOn: '31/02/2568', hiringDocsSentOn: '2025-10-01' }, false)).toEqual({ contractSignedOn: 'dateInvalid', hiringDocsSentOn: 'dateInvalid' });
    expect(formProblems({ ...formOf(officer), hiringDocsSentOn: '30/09/2568' }, false)).toEqual({ hiringDocsSentOn: 'docsBeforeContract' });
    expect(formProblems({ ...formOf(officer), hiringDocsSentOn: '01/10/2568' }, false)).toEqual({});
    expect(adminErrorKey(new SyncError('BAD_RESPONSE', 400, 'DOCS_BEFORE_CONTRACT'))).toBe('admin.error.DOCS_BEFORE_CONTRACT');
  });

  it('reads the server’s own refusal codes, and falls back to the sync error’s', () => {
    expect(adminErrorKey(new SyncError('BAD_RESPONSE', 409, 'USERNAME_TAKEN'))).toBe('admin.error.USERNAME_TAKEN');
    expect(adminErrorKey(new SyncError('FORBIDDEN', 403, 'FORBIDDEN'))).toBe('error.FORBIDDEN');
    expect(adminErrorKey(new TypeError('offline'))).toBe('error.NETWORK');
  });
});
