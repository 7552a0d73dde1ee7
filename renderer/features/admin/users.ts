/** The administrators' user form: what it holds, what it sends, and how the server's refusals read. */
import { hiringDocsBeforeContract } from '../../../shared/calendar/contractDocs';
import { parseThaiDate, toThaiNumericDate } from '../../../shared/calendar/thaiDate';
import { USER_ROLES, type UserRole } from '../../../shared/domain/reference';
import { INVALID_TEXT, isValidText } from '../../../shared/text';
import { syncErrorCode, SyncError, type AdminUser, type NewUser, type UserChange } from '../../sync/api';

export interface UserForm {
  username: string;
  displayName: string;
  role: UserRole;
  provinceCodes: string[];
  /** Empty means every LAO of the assigned provinces. */
  laoIds: string[];
  password: string;
  disabled: boolean;
  /** B.E. dates as typed (dd/mm/yyyy); empty means not set. */
  contractSignedOn: string;
  hiringDocsSentOn: string;
}

/** The typed B.E. date as an ISO date; null when empty, undefined when it is not a date. */
export function isoOfTyped(text: string): string | null | undefined {
  if (text.trim() === '') return null;
  const parsed = parseThaiDate(text);
  return parsed.ok ? parsed.value : undefined;
}

const typedOf = (iso: string | null | undefined) => (iso ? toThaiNumericDate(iso) : '');

export const ROLES = USER_ROLES;

export function emptyUserForm(provinceCodes: string[] = []): UserForm {
  return { username: '', displayName: '', role: 'officer', provinceCodes, laoIds: [], password: '', disabled: false, contractSignedOn: '', hiringDocsSentOn: '' };
}

export function formOf(user: AdminUser): UserForm {
  return {
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    provinceCodes: [...user.provinceCodes],
    laoIds: [...(user.laoIds ?? [])],
    password: '',
    disabled: user.disabled,
    contractSignedOn: typedOf(user.contractSignedOn),
    hiringDocsSentOn: typedOf(user.hiringDocsSentOn),
  };
}

export type FormProblem = 'usernameFormat' | 'displayNameRequired' | 'provinceRequired' | 'passwordTooShort' | 'textInvalid' | 'dateInvalid' | 'docsBeforeContract';

/** Checks the server would make too, in the officer's language before anything is sent. */
export function formProblems(form: UserForm, creating: boolean): Partial<Record<keyof UserForm, FormProblem>> {
  const problems: Partial<Record<keyof UserForm, FormProblem>> = {};
  if (creating && !/^[a-z0-9][a-z0-9._-]{2,31}$/.test(form.username)) problems.username = 'usernameFormat';
  if (form.displayName.trim() === '') problems.displayName = 'displayNameRequired';
  else if (!isValidText(form.displayName)) problems.displayName = 'textInvalid';
  if (form.role !== 'admin' && form.provinceCodes.length === 0) problems.provinceCodes = 'provinceRequired';
  if ((creating || form.password !== '') && form.password.length < 8) problems.password = 'passwordTooShort';
  else if (!isValidText(form.password)) problems.password = 'textInvalid';
  const signedOn = isoOfTyped(form.contractSignedOn);
  const sentOn = isoOfTyped(form.hiringDocsSentOn);
  if (signedOn === undefined) problems.contractSignedOn = 'dateInvalid';
  if (sentOn === undefined) problems.hiringDocsSentOn = 'dateInvalid';
  else if (hiringDocsBeforeContract({ contractSignedOn: signedOn, hiringDocsSentOn: sentOn })) problems.hiringDocsSentOn = 'docsBeforeContract';
  return problems;
}

/** LAOs only narrow an officer's work; for other roles the whole province is theirs. */
export function newUserOf(form: UserForm): NewUser {
  return {
    username: form.username.trim(),
    displayName: form.displayName.trim(),
    role: form.role,
    provinceCodes: form.provinceCodes,
    laoIds: form.role === 'officer' && form.laoIds.length > 0 ? form.laoIds : null,
    password: form.password,
    contractSignedOn: isoOfTyped(form.contractSignedOn) ?? null,
    hiringDocsSentOn: isoOfTyped(form.hiringDocsSentOn) ?? null,
  };
}

/** Only what changed, so an edit never resets a password or an assignment by accident. */
export function changeOf(before: AdminUser, form: UserForm): UserChange {
  const after = newUserOf(form);
  const change: UserChange = {};
  if (after.displayName !== before.displayName) change.displayName = after.displayName;
  if (after.role !== before.role) change.role = after.role;
  if (after.provinceCodes.join() !== before.provinceCodes.join()) change.provinceCodes = after.provinceCodes;
  if ((after.laoIds ?? []).join() !== (before.laoIds ?? []).join()) change.laoIds = after.laoIds;
  if (after.contractSignedOn !== before.contractSignedOn) change.contractSignedOn = after.contractSignedOn;
  if (after.hiringDocsSentOn !== before.hiringDocsSentOn) change.hiringDocsSentOn = after.hiringDocsSentOn;
  if (form.password !== '') change.password = form.password;
  if (form.disabled !== before.disabled) change.disabled = form.disabled;
  return change;
}

const SERVER_CODES = new Set(['USERNAME_TAKEN', 'UNKNOWN_PROVINCE', 'UNKNOWN_LAO', 'PASSWORD_TOO_SHORT', 'PASSWORD_TOO_LONG', 'NOT_FOUND', 'VALIDATION_FAILED', 'REFERENCE_CONFLICT', INVALID_TEXT, 'LAST_ADMIN', 'DOCS_BEFORE_CONTRACT']);

/** The translation key of a failed admin call: the server's own code when known, else the sync error's. */
export function adminErrorKey(error: unknown): string {
  if (error instanceof SyncError && error.serverCode && SERVER_CODES.has(error.serverCode)) return `admin.error.${error.serverCode}`;
  return `error.${syncErrorCode(error)}`;
}
