import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WHOLE, type FirstDownload } from '../../sync/download';
import type { SyncPhase } from '../../sync/engine';
import { downloadPercent, syncStateOf } from './syncState';

const partial: FirstDownload = { complete: false, stored: 1000, total: 5400, interrupted: true };

describe('the app bar\'s one sync state', () => {
  it('is partial, never synced, while the first download is unfinished', () => {
    expect(syncStateOf({ signedIn: true, phase: 'error', pending: 0, stored: partial, running: null })).toEqual({ kind: 'partial', count: { stored: 1000, total: 5400 }, pending: 0 });
    expect(syncStateOf({ signedIn: true, phase: 'idle', pending: 2, stored: partial, running: null })).toMatchObject({ kind: 'partial', pending: 2 });
  });

  it('shows the running download, and whether it resumed', () => {
    const running = { stored: 2000, total: 5400, resumed: true };
    expect(syncStateOf({ signedIn: true, phase: 'syncing', pending: 0, stored: partial, running })).toEqual({ kind: 'downloading', count: { stored: 2000, total: 5400 }, resumed: true, pending: 0 });
    // The run's figures go once the laptop holds the whole scope.
    expect(syncStateOf({ signedIn: true, phase: 'syncing', pending: 0, stored: WHOLE, running })).toEqual({ kind: 'synced', pending: 0 });
  });

  it('is synced only with the whole data and nothing to send', () => {
    expect(syncStateOf({ signedIn: true, phase: 'idle', pending: 0, stored: WHOLE, running: null })).toEqual({ kind: 'synced', pending: 0 });
    expect(syncStateOf({ signedIn: true, phase: 'idle', pending: 3, stored: WHOLE, running: null })).toEqual({ kind: 'pending', pending: 3 });
    expect(syncStateOf({ signedIn: false, phase: 'signedOut', pending: 0, stored: WHOLE, running: null })).toEqual({ kind: 'localOnly', pending: 0 });
  });

  it('never says synced while any scope is unfinished, whatever the phase and counts', () => {
    const phases: SyncPhase[] = ['signedOut', 'idle', 'syncing', 'error'];
    fc.assert(fc.property(
      fc.constantFrom(...phases), fc.nat(50), fc.nat(10_000), fc.option(fc.nat(10_000)), fc.option(fc.record({ stored: fc.nat(10_000), total: fc.option(fc.nat(10_000)), resumed: fc.boolean() })),
      (phase, pending, stored, total, running) => {
        const state = syncStateOf({ signedIn: true, phase, pending, stored: { complete: false, stored, total, interrupted: false }, running });
        expect(['partial', 'downloading']).toContain(state.kind);
        if (state.kind === 'partial' || state.kind === 'downloading') {
          if (state.count.total !== null) expect(state.count.total).toBeGreaterThanOrEqual(state.count.stored);
        }
      },
    ));
  });

  it('gives a determinate percentage when the total is known', () => {
    expect(downloadPercent({ stored: 1350, total: 5400 })).toBe(25);
    expect(downloadPercent({ stored: 0, total: 0 })).toBe(100);
    expect(downloadPercent({ stored: 10, total: null })).toBeNull();
  });
});
