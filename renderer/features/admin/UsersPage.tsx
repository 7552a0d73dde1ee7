import {
  Alert, Autocomplete, Box, Button, Chip, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, IconButton, LinearProgress,
  MenuItem, Paper, Stack, Switch, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Tooltip, Typography,
} from '@mui/material';
import EditOutlinedIcon from '@mui/icons-material/EditOutlined';
import LogoutIcon from '@mui/icons-material/Logout';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useOnline } from '../../app/useOnline';
import { localDb, type ReferenceRow } from '../../data/db';
import { type AdminApi, type AdminUser } from '../../sync/api';
import { storedAdminApi } from '../../sync/runtime';
import { useSessionUser } from '../sync/useSync';
import { contractDocsStatus } from '../../../shared/calendar/contractDocs';
import { useFormat } from '../../app/format';
import { DocsChip } from '../officers/DocsChip';
import { ContractFields } from './ContractFields';
import { adminErrorKey, changeOf, emptyUserForm, formOf, formProblems, newUserOf, ROLES, type UserForm } from './users';

interface Place {
  code: string;
  label: string;
}

/** Provinces and LAOs this device knows, for the assignment pickers. */
function usePlaces(language: string): { provinces: Place[]; laos: (Place & { provinceCode: string })[] } {
  return useLiveQuery(
    async () => {
      const name = (row: ReferenceRow) => String((language === 'en' ? row.nameEn : row.nameTh) ?? row.nameTh ?? '');
      const provinces = (await localDb().provinces.toArray()).map((row) => ({ code: String(row.code), label: `${name(row)} (${String(row.code)})` }));
      const laos = (await localDb().laos.toArray()).map((row) => ({ code: String(row.id), label: `${name(row)} · ${String(row.code)}`, provinceCode: String(row.provinceCode) }));
      return { provinces, laos: laos.sort((a, b) => a.label.localeCompare(b.label, 'th')) };
    },
    [language],
    { provinces: [], laos: [] },
  );
}

function UserDialog({ user, onClose, onSaved, api }: { user: AdminUser | null; onClose: () => void; onSaved: (user: AdminUser) => void; api: AdminApi }) {
  const { t, i18n } = useTranslation('sync');
  const places = usePlaces(i18n.language);
  const creating = user === null;
  const [form, setForm] = useState<UserForm>(() => (user ? formOf(user) : emptyUserForm()));
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const problems = formProblems(form, creating);
  const set = <K extends keyof UserForm>(key: K, value: UserForm[K]) => setForm((previous) => ({ ...previous, [key]: value }));
  const helper = (key: keyof UserForm) => (tried && problems[key] ? t(`admin.problem.${problems[key]}`) : undefined);
  const laoChoices = places.laos.filter((lao) => form.provinceCodes.includes(lao.provinceCode));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setFailure(null);
    try {
      const saved = creating ? await api.createUser(newUserOf(form)) : await api.updateUser(user.id, changeOf(user, form));
      onSaved(saved.user);
    } catch (error) {
      setFailure(adminErrorKey(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" slotProps={{ paper: { component: 'form', onSubmit: (event: FormEvent) => void submit(event), 'data-testid': 'user-dialog' } as object }}>
      <DialogTitle>{creating ? t('admin.create') : t('admin.editOf', { name: user.displayName })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {failure && <Alert severity="error" data-testid="user-error">{t(failure)}</Alert>}
          <TextField label={t('admin.username')} value={form.username} onChange={(e) => set('username', e.target.value.toLowerCase())} disabled={!creating} required autoFocus={creating}
            error={Boolean(helper('username'))} helperText={helper('username') ?? (creating ? t('admin.usernameHint') : undefined)} />
          <TextField label={t('admin.displayName')} value={form.displayName} onChange={(e) => set('displayName', e.target.value)} required autoFocus={!creating}
            error={Boolean(helper('displayName'))} helperText={helper('displayName')} />
          <TextField select label={t('admin.role')} value={form.role} onChange={(e) => set('role', e.target.value as UserForm['role'])}>
            {ROLES.map((role) => <MenuItem key={role} value={role}>{t(`admin.roles.${role}`)}</MenuItem>)}
          </TextField>
          <Autocomplete
            multiple
            options={places.provinces.map((p) => p.code)}
            getOptionLabel={(code) => places.provinces.find((p) => p.code === code)?.label ?? code}
            value={form.provinceCodes}
            onChange={(_e, value) => setForm((previous) => ({ ...previous, provinceCodes: value, laoIds: previous.laoIds.filter((id) => places.laos.some((l) => l.code === id && value.includes(l.provinceCode))) }))}
            renderInput={(params) => <TextField {...params} label={t('admin.provinces')} error={Boolean(helper('provinceCodes'))} helperText={helper('provinceCodes')} />}
          />
          {form.role === 'officer' && (
            <Autocomplete
              multiple
              // A long list would push the contract dates out of sight: the rest show as "+N" until the field is focused.
              limitTags={6}
              options={laoChoices.map((l) => l.code)}
              getOptionLabel={(id) => places.laos.find((l) => l.code === id)?.label ?? id}
              value={form.laoIds}
              onChange={(_e, value) => set('laoIds', value)}
              renderInput={(params) => <TextField {...params} label={t('admin.laos')} helperText={t('admin.laosHint')} />}
            />
          )}
          {form.role === 'officer' && <ContractFields form={form} onChange={set} problem={helper} />}
          <TextField label={creating ? t('admin.password') : t('admin.newPassword')} type="password" autoComplete="new-password" value={form.password} onChange={(e) => set('password', e.target.value)}
            required={creating} error={Boolean(helper('password'))} helperText={helper('password') ?? (creating ? t('admin.passwordHint') : t('admin.newPasswordHint'))} />
          {!creating && (
            <FormControlLabel control={<Switch checked={form.disabled} onChange={(e) => set('disabled', e.target.checked)} />} label={t('admin.disabledLabel')} />
          )}
        </Stack>
      </DialogContent>
      {busy && <LinearProgress />}
      <DialogActions>
        <Button onClick={onClose}>{t('admin.cancel')}</Button>
        <Button type="submit" variant="contained" disabled={busy}>{t('admin.save')}</Button>
      </DialogActions>
    </Dialog>
  );
}

/** Administrators manage users, roles and assignments (online: the server keeps them). */
export function UsersPage() {
  const { t, i18n } = useTranslation('sync');
  const online = useOnline();
  const me = useSessionUser();
  const places = usePlaces(i18n.language);
  const format = useFormat();
  const [api, setApi] = useState<AdminApi | null>(null);
  const [users, setUsers] = useState<AdminUser[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<AdminUser | null | 'new'>(null);

  const load = useCallback(async () => {
    const client = await storedAdminApi(localDb());
    setApi(client);
    if (!client) return;
    try {
      setUsers((await client.users()).users);
      setFailure(null);
    } catch (error) {
      setFailure(adminErrorKey(error));
    }
  }, []);
  useEffect(() => {
    // The list lives on the server: fetched when the page opens and whenever the network returns.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (me?.role === 'admin' && online) void load();
  }, [me?.role, online, load]);

  const provinceNames = useMemo(() => new Map(places.provinces.map((p) => [p.code, p.label])), [places.provinces]);
  const revoke = async (user: AdminUser) => {
    if (!api) return;
    try {
      const { revoked } = await api.revokeTokens(user.id);
      setNotice(t('admin.revoked', { count: revoked, name: user.displayName }));
    } catch (error) {
      setFailure(adminErrorKey(error));
    }
  };

  if (me === undefined) return null;
  return (
    <Stack spacing={2.5}>
      <Stack direction="row" sx={{ alignItems: 'flex-end', gap: 2, flexWrap: 'wrap' }}>
        <Box sx={{ flexGrow: 1 }}>
          <Typography variant="h4" component="h1">{t('admin.title')}</Typography>
          <Typography color="text.secondary">{t('admin.intro')}</Typography>
        </Box>
        <Button variant="contained" startIcon={<PersonAddIcon />} disabled={!api || !online || me?.role !== 'admin'} onClick={() => setEditing('new')}>{t('admin.create')}</Button>
      </Stack>
      {me?.role !== 'admin' && <Alert severity="info">{t('admin.adminsOnly')}</Alert>}
      {me?.role === 'admin' && !online && <Alert severity="warning">{t('admin.offline')}</Alert>}
      {failure && <Alert severity="error" data-testid="users-error">{t(failure)}</Alert>}
      {notice && <Alert severity="success" onClose={() => setNotice(null)}>{notice}</Alert>}
      {users && (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label={t('admin.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('admin.username')}</TableCell>
                <TableCell>{t('admin.displayName')}</TableCell>
                <TableCell>{t('admin.role')}</TableCell>
                <TableCell>{t('admin.provinces')}</TableCell>
                <TableCell>{t('admin.laos')}</TableCell>
                <TableCell>{t('admin.contract.column')}</TableCell>
                <TableCell>{t('admin.status')}</TableCell>
                <TableCell align="right">{t('admin.actions')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {users.map((user) => (
                <TableRow key={user.id} hover data-testid="user-row">
                  <TableCell sx={{ fontFamily: 'monospace' }}>{user.username}</TableCell>
                  <TableCell>{user.displayName}</TableCell>
                  <TableCell><Chip size="small" label={t(`admin.roles.${user.role}`)} color={user.role === 'admin' ? 'secondary' : user.role === 'supervisor' ? 'primary' : 'default'} /></TableCell>
                  <TableCell>{user.provinceCodes.map((code) => provinceNames.get(code) ?? code).join(', ') || '—'}</TableCell>
                  <TableCell>{user.laoIds ? t('admin.laoCount', { count: user.laoIds.length }) : t('admin.allLaos')}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }} data-testid="user-contract">
                    {user.role === 'officer' && user.contractSignedOn ? <>{format.date(user.contractSignedOn)} <DocsChip docs={contractDocsStatus(user, format.today().iso)} /></> : '—'}
                  </TableCell>
                  <TableCell>{user.disabled ? <Chip size="small" color="warning" label={t('admin.disabled')} /> : t('admin.active')}</TableCell>
                  <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                    <Tooltip title={t('admin.edit')}><IconButton size="small" aria-label={t('admin.editOf', { name: user.displayName })} onClick={() => setEditing(user)}><EditOutlinedIcon fontSize="small" /></IconButton></Tooltip>
                    <Tooltip title={t('admin.revoke')}><IconButton size="small" aria-label={t('admin.revokeOf', { name: user.displayName })} onClick={() => void revoke(user)}><LogoutIcon fontSize="small" /></IconButton></Tooltip>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {editing && api && (
        <UserDialog
          api={api}
          user={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setNotice(t('admin.saved', { name: saved.displayName }));
            void load();
          }}
        />
      )}
    </Stack>
  );
}
