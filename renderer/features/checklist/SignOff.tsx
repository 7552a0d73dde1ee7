/**
 * Sign-offs in the checklist (issue 17): a lock mark on each LAO whose period a
 * supervisor signed off (who and when), and for supervisors of the province
 * the sign-off of a complete LAO (or of every complete LAO at once) and the
 * reopening with a reason. Both go to the server (online only) and come back
 * to this laptop at once; other laptops take them with their next sync.
 */
import { Alert, Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Tooltip, Typography } from '@mui/material';
import LockIcon from '@mui/icons-material/Lock';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { canSignOff } from '../../../shared/auth/access';
import { isActive, samePeriod, signOffsInForce, type CalendarTask, type SignOff, type SignOffRequest, type TaskMonth } from '../../../shared/calendar/index';
import { bangkokDateOf } from '../../../shared/calendar/isoDate';
import type { Lao } from '../../../shared/domain/reference';
import { useFormat } from '../../app/format';
import { useOnline } from '../../app/useOnline';
import { localDb } from '../../data/db';
import { useProvinceReference } from '../../data/province';
import { SyncError } from '../../sync/api';
import { storeSignOffs } from '../../sync/login';
import { storedApi, syncEngine } from '../../sync/runtime';
import { useFirstDownload, useSessionUser } from '../sync/useSync';

/** An LAO's sign-offs of one task and period: the one in force, and the last reopened. */
export interface LaoSignOffs { active?: SignOff; reopened?: SignOff }

/** The period a task is signed off for: the month shown for an every-month task, its whole period otherwise. */
export const signOffMonth = (task: CalendarTask, shown: TaskMonth): TaskMonth | null => (task.everyMonth ? { year: shown.year, month: shown.month } : null);

/** Sign-offs of a task and period, per LAO, live. */
export function useTaskSignOffs(fiscalYear: number, taskId: string, month: TaskMonth | null): ReadonlyMap<string, LaoSignOffs> {
  const all = useLiveQuery(() => localDb().signOffs.toArray(), []);
  return useMemo(() => {
    const byLao = new Map<string, LaoSignOffs>();
    for (const s of all ?? []) {
      if (s.fiscalYear !== fiscalYear || s.taskId !== taskId || !samePeriod(s.month, month)) continue;
      const entry = byLao.get(s.laoId) ?? {};
      if (isActive(s)) entry.active = s;
      else if (!entry.reopened || (s.reopenedAt ?? '') > (entry.reopened.reopenedAt ?? '')) entry.reopened = s;
      byLao.set(s.laoId, entry);
    }
    return byLao;
  }, [all, fiscalYear, taskId, month]);
}

/**
 * The sign-offs in force of a fiscal year as a screen showing `shown` sees them, by
 * `laoId|taskId`: a task's whole period, or for an every-month task the month shown.
 */
export function useActiveSignOffs(fiscalYear: number, shownYear: number, shownMonth: number): ReadonlyMap<string, SignOff> {
  const all = useLiveQuery(() => localDb().signOffs.toArray(), []);
  return useMemo(() => signOffsInForce(all ?? [], fiscalYear, { year: shownYear, month: shownMonth }), [all, fiscalYear, shownYear, shownMonth]);
}

/** Whether the signed-in user signs this LAO's periods off (supervisors of its province, administrators). */
export function useCanSignOff(): (lao: Lao) => boolean {
  const user = useSessionUser();
  return (lao) => !!user && canSignOff(user, { id: lao.id, provinceCode: lao.provinceCode });
}

/** Who and when of a sign-off, in words; the same functions until the users or the language change. */
function useNames() {
  const reference = useProvinceReference();
  const format = useFormat();
  return useMemo(() => ({
    who: (id: string | null) => (id ? reference?.users.find((user) => user.id === id)?.displayName ?? id : ''),
    when: (iso: string | null) => (iso ? format.date(bangkokDateOf(new Date(iso))) : ''),
  }), [reference, format]);
}

/** "Signed off by … on …" for a sign-off; the same function until the users or the language change (memoised rows take it). */
export function useSignedByText(): (signOff: SignOff) => string {
  const { t } = useTranslation('calendar');
  const names = useNames();
  return useCallback((signOff: SignOff) => t('signOff.signedBy', { by: names.who(signOff.signedBy), date: names.when(signOff.signedAt) }), [t, names]);
}

/** The lock mark of a signed-off LAO, with who and when. */
export function SignOffMark({ signOff }: { signOff: SignOff }) {
  const { t } = useTranslation('calendar');
  const text = useSignedByText()(signOff);
  return (
    <Tooltip title={text}>
      <Chip size="small" icon={<LockIcon />} label={t('signOff.mark')} aria-label={text} data-testid="signoff-mark" variant="outlined" color="primary" />
    </Tooltip>
  );
}

type Api = NonNullable<Awaited<ReturnType<typeof storedApi>>>;
/** What a request made: the sign-offs, and the LAOs left out because what they would lock changed after the statuses on screen. */
interface Made { signOffs: unknown[]; stale: number }
const staleLaos = z.array(z.string()).catch([]);
/**
 * The change-log positions, by province, that the statuses on screen account
 * for (CompletionSnapshot.seen), given by the checklist that shows them:
 * the base a sign-off is judged on. Undefined until its first pass finished.
 */
export const SeenContext = createContext<Readonly<Record<string, number>> | undefined>(undefined);
/** A sign-off request judged on what the supervisor saw. */
export const signOffRequest = (body: Omit<SignOffRequest, 'seen'>, seen: Readonly<Record<string, number>>): SignOffRequest => ({ ...body, seen: { ...seen } });
/** A sign-off answer as this laptop takes it. */
export const madeOf = (answer: { signOffs: unknown[]; stale?: unknown }): Made => ({ signOffs: answer.signOffs, stale: staleLaos.parse(answer.stale ?? []).length });

/**
 * Sends a sign-off request; the answer is stored here at once. Resolves to a
 * problem to show (an error key, or LAOs that changed unseen: the laptop then
 * syncs, and the supervisor looks again), or null.
 */
async function send(run: (api: Api) => Promise<Made>): Promise<Problem | null> {
  const db = localDb();
  const api = await storedApi(db);
  if (!api) return { key: 'signOff.needsServer' };
  try {
    const made = await run(api);
    await storeSignOffs(db, made.signOffs);
    if (made.stale === 0) return null;
    void syncEngine().sync();
    return { key: 'signOff.stale', count: made.stale };
  } catch (error) {
    if (error instanceof SyncError && error.serverCode === 'ALREADY_REOPENED') return { key: 'signOff.alreadyReopened' };
    return { key: error instanceof SyncError && error.status === 0 ? 'signOff.offline' : 'signOff.failed' };
  }
}

interface Problem { key: string; count?: number }

function ProblemNote({ problem, onClose }: { problem: Problem; onClose: () => void }) {
  const { t } = useTranslation('calendar');
  return (
    <Alert severity={problem.key === 'signOff.stale' ? 'warning' : 'error'} sx={{ mt: 1 }} onClose={onClose} data-testid="signoff-problem" data-problem={problem.key}>
      {t(problem.key, { count: problem.count ?? 0 })}
    </Alert>
  );
}

/** The pulled positions the statuses on screen account for (see SeenContext). */
type Seen = Readonly<Record<string, number>>;

/**
 * Whether a sign-off can be made now, and the positions it then carries:
 * `held` is why not, as a translation key, or null when it can. It needs the
 * network, and the whole province on this laptop: while a first download
 * runs, "complete" is judged on part of the records, and sign-offs made
 * already may not have arrived. `pending` until the download state is read
 * and the statuses shown say what they account for.
 */
type SignOffState = { held: null; seen: Seen } | { held: 'signOff.offline' | 'signOff.downloading' | 'pending'; seen: Seen | undefined };

function useSignOffState(): SignOffState {
  const online = useOnline();
  const download = useFirstDownload();
  const seen = useContext(SeenContext);
  if (download === undefined || seen === undefined) return { held: 'pending', seen };
  if (!download.complete) return { held: 'signOff.downloading', seen };
  return online ? { held: null, seen } : { held: 'signOff.offline', seen };
}

/** The reason under a disabled sign-off button (none while the download state is still being read). */
function HeldNote({ held }: { held: SignOffState['held'] }) {
  const { t } = useTranslation('calendar');
  if (held === null || held === 'pending') return null;
  return <Typography variant="caption" color="text.secondary" component="p" data-testid="signoff-held" data-reason={held}>{t(held)}</Typography>;
}

/** In an LAO's open row: the period's sign-off, and what the user may do with it. */
export function SignOffPanel({ lao, task, fiscalYear, month, complete, entry }: {
  lao: Lao; task: CalendarTask; fiscalYear: number; month: TaskMonth | null; complete: boolean; entry: LaoSignOffs | undefined;
}) {
  const { t } = useTranslation('calendar');
  const names = useNames();
  const signedBy = useSignedByText();
  const online = useOnline();
  const state = useSignOffState();
  const { held, seen } = state;
  const mayAct = useCanSignOff()(lao);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const active = entry?.active;
  if (!active && !mayAct && !entry?.reopened) return null;

  const act = async (run: Parameters<typeof send>[0]) => {
    setBusy(true);
    setProblem(await send(run));
    setBusy(false);
  };
  // The button is disabled while held; the positions are those of the statuses shown.
  const signOffNow = (allowed: Seen) => act(async (api) => madeOf(await api.signOff(signOffRequest({ fiscalYear, laoIds: [lao.id], taskIds: [task.id], month, note: '' }, allowed))));
  const reopen = () => {
    setReopening(false);
    void act(async (api) => ({ signOffs: [(await api.reopenSignOff(active!.id, reason.trim())).signOff], stale: 0 }));
    setReason('');
  };

  return (
    <Box sx={{ mt: 1.5, p: 1.5, border: 1, borderColor: 'divider', borderRadius: 1, bgcolor: 'background.paper' }} data-testid="signoff-panel" data-signed={active ? 'true' : 'false'} data-seen={seen ? JSON.stringify(seen) : undefined}>
      {active ? (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
          <LockIcon color="primary" fontSize="small" aria-hidden />
          <Typography variant="body2" sx={{ flexGrow: 1 }}>{signedBy(active)}{active.note ? ` · ${active.note}` : ''}</Typography>
          {mayAct && <Button size="small" startIcon={<LockOpenIcon />} disabled={busy || !online} onClick={() => setReopening(true)} data-testid="signoff-reopen">{t('signOff.reopen')}</Button>}
        </Stack>
      ) : (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }} useFlexGap>
          <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1 }}>
            {entry?.reopened
              ? t('signOff.reopenedBy', { by: names.who(entry.reopened.reopenedBy), date: names.when(entry.reopened.reopenedAt), reason: entry.reopened.reopenReason })
              : complete ? t('signOff.ready') : t('signOff.notComplete')}
          </Typography>
          {mayAct && (
            <Button size="small" variant="contained" startIcon={<LockIcon />} disabled={busy || held !== null || !complete} onClick={() => state.held === null && void signOffNow(state.seen)} data-testid="signoff-sign">
              {t('signOff.sign')}
            </Button>
          )}
        </Stack>
      )}
      {/* Reopening needs the network only; signing needs the whole province too. */}
      {mayAct && (active ? !online && <HeldNote held="signOff.offline" /> : <HeldNote held={held} />)}
      {problem && <ProblemNote problem={problem} onClose={() => setProblem(null)} />}
      <Dialog open={reopening} onClose={() => setReopening(false)} fullWidth maxWidth="sm">
        <DialogTitle>{t('signOff.reopenTitle', { lao: lao.nameTh })}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>{t('signOff.reopenIntro')}</Typography>
          <TextField
            autoFocus fullWidth required multiline minRows={2} label={t('signOff.reason')} value={reason} onChange={(e) => setReason(e.target.value)}
            slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'signoff-reason' } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setReopening(false)}>{t('editor.cancel')}</Button>
          <Button variant="contained" disabled={reason.trim() === ''} onClick={reopen} data-testid="signoff-reopen-confirm">{t('signOff.reopen')}</Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}

/** One sign-off request per task: the LAOs to sign it off for, and the month of an every-month task. */
interface SignOffBatch { task: CalendarTask; month: TaskMonth | null; laos: readonly Lao[] }

/** Signs off several LAOs (and tasks) at once: those of the batches the user may sign, one request per task. */
function BulkSignOffButton({ fiscalYear, batches, label, testId }: { fiscalYear: number; batches: readonly SignOffBatch[]; label: (count: number) => string; testId: string }) {
  const state = useSignOffState();
  const mayAct = useCanSignOff();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const pending = batches.map((batch) => ({ ...batch, laos: batch.laos.filter(mayAct) })).filter((batch) => batch.laos.length > 0);
  const count = pending.reduce((sum, batch) => sum + batch.laos.length, 0);
  if (count === 0) return null;
  const run = async (seen: Seen) => {
    setBusy(true);
    setProblem(await send(async (api) => {
      const made: Made = { signOffs: [], stale: 0 };
      for (const { task, month, laos } of pending) {
        const answer = madeOf(await api.signOff(signOffRequest({ fiscalYear, laoIds: laos.map((lao) => lao.id), taskIds: [task.id], month, note: '' }, seen)));
        made.signOffs.push(...answer.signOffs);
        made.stale += answer.stale;
      }
      return made;
    }));
    setBusy(false);
  };
  return (
    <Box>
      <Button size="small" variant="outlined" startIcon={<LockIcon />} disabled={busy || state.held !== null} onClick={() => state.held === null && void run(state.seen)} data-testid={testId} data-count={count}>
        {label(count)}
      </Button>
      <HeldNote held={state.held} />
      {problem && <ProblemNote problem={problem} onClose={() => setProblem(null)} />}
    </Box>
  );
}

/** Signs off at once every complete LAO of the list that the user may sign and that is not signed yet. */
export function SignOffAllButton({ laos, task, fiscalYear, month }: { laos: readonly Lao[]; task: CalendarTask; fiscalYear: number; month: TaskMonth | null }) {
  const { t } = useTranslation('calendar');
  return <BulkSignOffButton fiscalYear={fiscalYear} batches={[{ task, month, laos }]} label={(count) => t('signOff.signAll', { count })} testId="signoff-all" />;
}

/**
 * Signs off a whole month for the LAOs shown: every task of the month for each
 * LAO where it is complete and not signed off yet (one request per task; an
 * every-month task for this month).
 */
export function SignOffMonthButton({ fiscalYear, year, month, tasks }: {
  fiscalYear: number; year: number; month: number;
  tasks: ReadonlyArray<{ task: CalendarTask; complete: readonly Lao[] }>;
}) {
  const { t } = useTranslation('calendar');
  const signed = useActiveSignOffs(fiscalYear, year, month);
  const batches = tasks.map(({ task, complete }) => ({ task, month: signOffMonth(task, { year, month }), laos: complete.filter((lao) => !signed.has(`${lao.id}|${task.id}`)) }));
  return <BulkSignOffButton fiscalYear={fiscalYear} batches={batches} label={(count) => t('signOff.signMonth', { count })} testId="signoff-month" />;
}
