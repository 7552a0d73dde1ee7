/**
 * The calendar module: fiscal year and B.E. dates, the work-calendar template,
 * completion rules and contract-document tracking.
 */
export * from './fiscal';
export * from './template';
export * from './status';
export * from './seedTemplate';
export * from './completionCodes';
export * from './completion';
export * from './contractDocs';
export * from './publication';
export * from './signoff';
export * from './tally';
