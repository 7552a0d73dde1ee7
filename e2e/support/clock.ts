/**
 * The one date every end-to-end test runs at, unless a spec fixes another with
 * `test.use({ clockAt })`. The browser's clock (Playwright's `clock.install`) and
 * the sync server's (`EPLAN_NOW`) both start here and run on, so the suite passes
 * whatever day the machine thinks it is. Specs that name a month or a year
 * literally are right under this date; specs that run at other dates
 * (date-matrix) compute what they expect from their `clockAt`.
 */
export const E2E_NOW = '2026-11-26T10:00:00+07:00';
