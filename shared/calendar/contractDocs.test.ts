import { describe, expect, it } from 'vitest';
import { contractDocsStatus } from './contractDocs';

describe('contractDocsStatus (seed note 2: within 15 days of signing)', () => {
  const signed = { contractSignedOn: '2010-10-01' };

  it('is on time when sent by the 15th day after signing, late after it', () => {
    expect(contractDocsStatus({ ...signed, hiringDocsSentOn: '2010-10-05' }, '2010-12-01')).toEqual({ dueOn: '2010-10-16', status: 'on_time' });
    expect(contractDocsStatus({ ...signed, hiringDocsSentOn: '2010-10-16' }, '2010-12-01')).toEqual({ dueOn: '2010-10-16', status: 'on_time' });
    expect(contractDocsStatus({ ...signed, hiringDocsSentOn: '2010-10-17' }, '2010-12-01')).toEqual({ dueOn: '2010-10-16', status: 'late', daysLate: 1 });
    expect(contractDocsStatus({ ...signed, hiringDocsSentOn: '2010-11-05' }, '2010-10-20')).toEqual({ dueOn: '2010-10-16', status: 'late', daysLate: 20 });
  });

  it('is pending until the due date passes unsent, then overdue by the days so far', () => {
    expect(contractDocsStatus(signed, '2010-10-01')).toEqual({ dueOn: '2010-10-16', status: 'pending' });
    expect(contractDocsStatus(signed, '2010-10-16')).toEqual({ dueOn: '2010-10-16', status: 'pending' });
    expect(contractDocsStatus(signed, '2010-10-16T23:30:00+07:00')).toEqual({ dueOn: '2010-10-16', status: 'pending' });
    expect(contractDocsStatus(signed, '2010-10-16T17:30:00Z')).toEqual({ dueOn: '2010-10-16', status: 'overdue', daysLate: 1 });
    expect(contractDocsStatus(signed, '2010-10-26')).toEqual({ dueOn: '2010-10-16', status: 'overdue', daysLate: 10 });
  });

  it('does not apply without a signing date or to users who are not officers', () => {
    expect(contractDocsStatus({}, '2010-10-26')).toEqual({ status: 'not_applicable' });
    expect(contractDocsStatus({ hiringDocsSentOn: '2010-10-05' }, '2010-10-26')).toEqual({ status: 'not_applicable' });
    expect(contractDocsStatus({ ...signed, role: 'supervisor' }, '2010-10-26')).toEqual({ status: 'not_applicable' });
    expect(contractDocsStatus({ ...signed, role: 'officer' }, '2010-10-26').status).toBe('overdue');
  });

  it('crosses month and year ends', () => {
    expect(contractDocsStatus({ contractSignedOn: '2011-12-20' }, '2011-12-25').dueOn).toBe('2012-01-04');
    expect(contractDocsStatus({ contractSignedOn: '2012-02-14' }, '2012-02-20').dueOn).toBe('2012-02-29');
  });
});
