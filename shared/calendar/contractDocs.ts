/**
 * Seed note 2: the provincial office sends each officer's hiring documents and
 * a copy of the contract to DLA within 15 days of signing.
 */
import type { User } from '../domain/index';
import { addDays, daysBetween, toBangkokDate } from './isoDate';

export const CONTRACT_DOCS_DUE_DAYS = 15;

export type ContractDocsState = 'on_time' | 'late' | 'pending' | 'overdue' | 'not_applicable';

export interface ContractDocsStatus {
  /** Signing date + 15 days; sending on that day is on time. */
  dueOn?: string;
  status: ContractDocsState;
  /** Days after dueOn the documents went out ('late') or, not yet sent, days past dueOn so far ('overdue'). */
  daysLate?: number;
}

type ContractDates = { contractSignedOn?: string | null; hiringDocsSentOn?: string | null };

/** Documents cannot go out before the contract they belong to was signed. */
export function hiringDocsBeforeContract(user: ContractDates): boolean {
  return Boolean(user.contractSignedOn && user.hiringDocsSentOn && user.hiringDocsSentOn < user.contractSignedOn);
}

/**
 * on_time / late once sent; pending while unsent and not yet due; overdue once
 * unsent past the due date; not_applicable without a signing date (or for a
 * user who is not an officer).
 */
export function contractDocsStatus(
  user: ContractDates & { role?: User['role'] },
  asOf: string,
): ContractDocsStatus {
  if (!user.contractSignedOn || (user.role !== undefined && user.role !== 'officer')) return { status: 'not_applicable' };
  const dueOn = addDays(user.contractSignedOn, CONTRACT_DOCS_DUE_DAYS);
  if (user.hiringDocsSentOn) {
    const daysLate = daysBetween(dueOn, user.hiringDocsSentOn);
    return daysLate > 0 ? { dueOn, status: 'late', daysLate } : { dueOn, status: 'on_time' };
  }
  const today = toBangkokDate(asOf);
  return today > dueOn ? { dueOn, status: 'overdue', daysLate: daysBetween(dueOn, today) } : { dueOn, status: 'pending' };
}
