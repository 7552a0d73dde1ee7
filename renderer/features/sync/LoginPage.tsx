import { Alert, Box, Button, Card, CardContent, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useOnline } from '../../app/useOnline';
import { localDb } from '../../data/db';
import { rememberPassword } from '../../data/lock';
import { lockStore } from '../lock/lockStore';
import { getPlatform } from '../../platform';
import { syncErrorCode, type SyncErrorCode } from '../../sync/api';
import { login, logout } from '../../sync/login';
import { META, readMeta } from '../../sync/meta';
import { restartSync, syncEngine } from '../../sync/runtime';
import { useSessionUser } from './useSync';

/** Sign in once online; the device token then keeps the app syncing for weeks. */
export function LoginPage() {
  const { t } = useTranslation('sync');
  const navigate = useNavigate();
  const online = useOnline();
  const user = useSessionUser();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [serverUrl, setServerUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<SyncErrorCode | null>(null);

  useEffect(() => {
    void Promise.all([readMeta<string>(localDb(), META.serverUrl), getPlatform().defaultServerUrl()]).then(([saved, fallback]) =>
      setServerUrl((current) => current || saved || fallback || ''),
    );
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await login({ db: localDb(), platform: getPlatform() }, { username, password, serverUrl });
      // The same password unlocks this laptop offline from now on.
      await rememberPassword(localDb(), session.user, password);
      lockStore.unlock(session.user.id);
      setPassword('');
      restartSync({ referenceStored: true });
      void navigate('/');
    } catch (failure) {
      setError(syncErrorCode(failure));
    } finally {
      setBusy(false);
    }
  };

  const signOut = async () => {
    // A first download under way ends now, in its worker: nothing more is stored once the user has asked to leave.
    // (signedOut() below aborts too, but only after logout has waited for the server to revoke the token.)
    syncEngine().abortRun();
    await logout({ db: localDb(), platform: getPlatform() });
    syncEngine().signedOut();
  };

  return (
    <Box sx={{ maxWidth: 440, mx: 'auto' }}>
      <Card>
        <CardContent>
          <Typography variant="h5" component="h1" gutterBottom>{t('login.title')}</Typography>
          <Typography color="text.secondary" sx={{ mb: 2 }}>{t('login.hint')}</Typography>
          {user && (
            <Alert severity="info" sx={{ mb: 2 }} action={<Button color="inherit" size="small" onClick={() => void signOut()}>{t('login.logout')}</Button>}>
              {t('login.signedInAs', { name: user.displayName })}
            </Alert>
          )}
          {!online && <Alert severity="warning" sx={{ mb: 2 }}>{t('login.offlineNeeded')}</Alert>}
          {error && <Alert severity="error" sx={{ mb: 2 }} data-testid="login-error">{t(`error.${error}`)}</Alert>}
          <Stack component="form" spacing={2} onSubmit={(event) => void submit(event)}>
            <TextField label={t('login.username')} value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" required autoFocus />
            <TextField label={t('login.password')} type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
            <TextField label={t('login.serverUrl')} value={serverUrl} onChange={(e) => setServerUrl(e.target.value)} type="url" required />
            <Button type="submit" variant="contained" disabled={busy || !online}>{busy ? t('login.submitting') : t('login.submit')}</Button>
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
}
