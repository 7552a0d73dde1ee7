/**
 * The principal of a request. Who may read and write what is decided from
 * the server's own assignments, never from the request body, by the rules in
 * shared/auth/access.ts (the laptop applies the same ones).
 */
import type { SessionUser } from '../../shared/sync/protocol';

export type Principal = SessionUser & { tokenId: string; deviceId: string };
