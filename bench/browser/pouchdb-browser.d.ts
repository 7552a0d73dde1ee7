// The few calls of pouchdb-browser the benchmark makes (the package ships no types).
declare module 'pouchdb-browser' {
  interface ReplicateResult { ok: boolean; docs_written: number; errors: unknown[] }
  class PouchDB {
    constructor(name: string);
    info(): Promise<{ doc_count: number }>;
    close(): Promise<void>;
    static replicate(source: string | PouchDB, target: string | PouchDB, options?: { batch_size?: number; batches_limit?: number }): Promise<ReplicateResult>;
  }
  export default PouchDB;
}
