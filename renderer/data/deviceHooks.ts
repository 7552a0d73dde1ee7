import { useLiveQuery } from 'dexie-react-hooks';
import { localDb } from './db';
import { currentWork, deviceHoldings, type DeviceHoldings, type WorkStamp } from './device';

/** What this laptop holds, kept up to date; undefined while first read. */
export function useDeviceHoldings(): DeviceHoldings | undefined {
  return useLiveQuery(() => deviceHoldings(localDb()), []);
}

/** The unsynced work this laptop holds now, kept up to date. */
export function useCurrentWork(): WorkStamp | undefined {
  return useLiveQuery(() => currentWork(localDb()), []);
}
