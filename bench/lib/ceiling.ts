/**
 * The ceiling for the server-load figure: how many record rows per second
 * PostgreSQL takes from plain multi-row INSERTs, with the same concurrency,
 * batch size and row shape as the load (real `data` of seeded records, a copy
 * of the `records` table with its primary key and indexes), through one pg
 * Pool of the server's size in one Node process. No sync bookkeeping, no
 * HTTP, no validation: what the database alone can do on this machine.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';

export interface CeilingOptions {
  url: string;
  clients: number;
  batchSize: number;
  poolSize: number;
  durationMs: number;
}

export interface CeilingResult {
  rowsPerSec: number;
  rows: number;
  statementP50Ms: number;
  statementLatencies: number[];
}

const COLUMNS = ['id', 'table_name', 'lao_id', 'province_code', 'fiscal_year', 'data', 'deleted', 'version', 'updated_at', 'updated_by'];

export async function measureInsertCeiling(options: CeilingOptions): Promise<CeilingResult> {
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize });
  try {
    await pool.query('DROP TABLE IF EXISTS ceiling_records');
    await pool.query('CREATE TABLE ceiling_records (LIKE records INCLUDING ALL)');
    const { rows: samples } = await pool.query<{ table_name: string; lao_id: string; province_code: string; fiscal_year: number | null; data: unknown; updated_by: string }>(
      'SELECT table_name, lao_id, province_code, fiscal_year, data, updated_by FROM records LIMIT 2000',
    );
    const sql = `INSERT INTO ceiling_records (${COLUMNS.join(', ')}) VALUES ${Array.from({ length: options.batchSize }, (_, r) =>
      `(${COLUMNS.map((c, i) => `$${r * COLUMNS.length + i + 1}${c === 'data' ? '::jsonb' : ''}`).join(', ')})`,
    ).join(', ')}`;
    let rows = 0;
    const latencies: number[] = [];
    const end = Date.now() + options.durationMs;
    const loop = async () => {
      while (Date.now() < end) {
        const now = new Date();
        const params = Array.from({ length: options.batchSize }, () => {
          const s = samples[Math.floor(Math.random() * samples.length)]!;
          return [randomUUID(), s.table_name, s.lao_id, s.province_code, s.fiscal_year, JSON.stringify(s.data), false, 1, now, s.updated_by];
        }).flat();
        const t0 = performance.now();
        await pool.query(sql, params);
        latencies.push(performance.now() - t0);
        rows += options.batchSize;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: options.clients }, loop));
    const seconds = (performance.now() - started) / 1000;
    const sorted = [...latencies].sort((a, b) => a - b);
    return { rowsPerSec: rows / seconds, rows, statementP50Ms: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN, statementLatencies: latencies };
  } finally {
    await pool.query('DROP TABLE IF EXISTS ceiling_records').catch(() => {});
    await pool.end();
  }
}
