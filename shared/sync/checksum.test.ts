import { describe, expect, it } from 'vitest';
import { md5Hex, rowChecksum, scopeChecksum } from './checksum';
import { decodeSnapshotToken, encodeSnapshotToken, fiscalYearRank } from './cursor';
import { checkClientVersions, PROTOCOL_VERSION, SCHEMA_VERSION } from './protocol';

describe('md5Hex', () => {
  it.each([
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['The quick brown fox jumps over the lazy dog', '9e107d9d372bb6826bd81d3542a419d6'],
  ])('hashes %j', (text, hex) => {
    expect(md5Hex(text)).toBe(hex);
  });
});

describe('scope checksum', () => {
  const rows = [
    { id: '0190c4e2-0000-7000-8000-000000000010', version: 3 },
    { id: '0190c4e2-0000-7000-8000-000000000011', version: 1 },
    { id: '0190c4e2-0000-7000-8000-000000000012', version: 0 },
  ];
  it('is order independent', () => {
    expect(scopeChecksum(rows)).toBe(scopeChecksum([...rows].reverse()));
  });
  it('counts every row, version 0 included, so a row the server does not hold always shows', () => {
    const synced = (rowChecksum(rows[0]!.id, 3) + rowChecksum(rows[1]!.id, 1)) % 2 ** 32;
    expect(scopeChecksum(rows.slice(0, 2))).toBe(synced);
    expect(scopeChecksum(rows)).toBe((synced + rowChecksum(rows[2]!.id, 0)) % 2 ** 32);
    expect(scopeChecksum(rows)).not.toBe(synced);
  });
});

describe('snapshot tokens and versions', () => {
  it('ranks the current fiscal year first, then yearless, then newest first', () => {
    expect([2569, null, 2570, 2568, 2567].map((fy) => fiscalYearRank(fy, 2569))).toEqual([0, 1, 2, 4, 5]);
  });
  it('round-trips tokens and refuses foreign ones', () => {
    const position = { rank: 4, id: '0190c4e2-0000-7000-8000-000000000010' };
    expect(decodeSnapshotToken(encodeSnapshotToken(position))).toEqual(position);
    expect(decodeSnapshotToken("0.x' OR 1=1")).toBeNull();
  });
  it('accepts the current and previous versions that exist, only', () => {
    expect(checkClientVersions(PROTOCOL_VERSION, SCHEMA_VERSION)).toBe('ok');
    if (PROTOCOL_VERSION > 1) expect(checkClientVersions(PROTOCOL_VERSION - 1, SCHEMA_VERSION)).toBe('ok');
    if (SCHEMA_VERSION > 1) expect(checkClientVersions(PROTOCOL_VERSION, SCHEMA_VERSION - 1)).toBe('ok');
    // Versions start at 1: 0 never existed.
    expect(checkClientVersions(0, SCHEMA_VERSION)).toBe('CLIENT_TOO_OLD');
    expect(checkClientVersions(PROTOCOL_VERSION, 0)).toBe('CLIENT_TOO_OLD');
    expect(checkClientVersions(PROTOCOL_VERSION - 2, SCHEMA_VERSION)).toBe('CLIENT_TOO_OLD');
    expect(checkClientVersions(PROTOCOL_VERSION, SCHEMA_VERSION - 2)).toBe('CLIENT_TOO_OLD');
    expect(checkClientVersions(PROTOCOL_VERSION + 1, SCHEMA_VERSION)).toBe('SERVER_TOO_OLD');
  });
});
