import { Alert, Avatar, Box, Button, Card, CardContent, Link, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import LockIcon from '@mui/icons-material/LockOutlined';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useOnline } from '../../app/useOnline';
import { localDb } from '../../data/db';
import { useReadAheadOfUnlock } from '../../data/province';
import { useFormat } from '../../app/format';
import { unlockWithPassword, type PasswordVerifier, type UnlockResult } from '../../data/lock';
import { setLanguage, type Language } from '../../i18n';
import { LoginPage } from '../sync/LoginPage';
import { lockStore } from './lockStore';
import { now as clockNow } from '../../../shared/clock';

/** Seconds left until `retryAt`, ticking once a second. */
function useSecondsUntil(retryAt: string | null): number {
  const [now, setNow] = useState(() => clockNow().getTime());
  useEffect(() => {
    if (!retryAt) return;
    const timer = setInterval(() => setNow(clockNow().getTime()), 1000);
    return () => clearInterval(timer);
  }, [retryAt]);
  return retryAt ? Math.max(0, Math.ceil((new Date(retryAt).getTime() - now) / 1000)) : 0;
}

/** Reads the first page's data while the password is typed (province.ts); a component, so it starts only once allowed. */
function ReadAhead() {
  useReadAheadOfUnlock(useFormat().today());
  return null;
}

/**
 * The whole window while locked: the signed-in officer's name, a password box
 * and, online, a way to sign in afresh. `readAhead` once the start-up check is
 * done (App.tsx): before it, nothing is read and signing in afresh waits.
 */
export function LockScreen({ verifier, readAhead }: { verifier: PasswordVerifier; readAhead: boolean }) {
  const { t, i18n } = useTranslation('sync');
  const online = useOnline();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Exclude<UnlockResult, { ok: true }> | null>(null);
  const [signInOnline, setSignInOnline] = useState(false);
  const retryAt = failure && 'retryAt' in failure ? failure.retryAt : null;
  const waitSeconds = useSecondsUntil(retryAt);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const result = await unlockWithPassword(localDb(), password);
      if (result.ok) {
        lockStore.unlock(verifier.userId);
        return;
      }
      setFailure(result);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  const message = (() => {
    if (!failure) return null;
    if (failure.reason === 'WAIT' || (failure.reason === 'WRONG_PASSWORD' && waitSeconds > 0)) return t('lock.wait', { seconds: waitSeconds });
    if (failure.reason === 'WRONG_PASSWORD') return t('lock.wrongPassword', { count: failure.failures });
    return t('lock.noVerifier');
  })();

  return (
    <Box component="main" sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', bgcolor: '#eef0f7', p: 2 }}>
      <Stack spacing={2} sx={{ width: '100%', maxWidth: 440 }}>
        <Stack direction="row" sx={{ justifyContent: 'flex-end' }}>
          <ToggleButtonGroup size="small" exclusive value={i18n.language} onChange={(_e, value: Language | null) => value && setLanguage(value)} aria-label={t('translation:language.label')}>
            <ToggleButton value="th" lang="th">{t('translation:language.th')}</ToggleButton>
            <ToggleButton value="en" lang="en">{t('translation:language.en')}</ToggleButton>
          </ToggleButtonGroup>
        </Stack>
        {signInOnline ? (
          <>
            <LoginPage />
            <Button onClick={() => setSignInOnline(false)}>{t('lock.backToUnlock')}</Button>
          </>
        ) : (
          <Card data-testid="lock-screen">
            {readAhead && <ReadAhead />}
            <CardContent sx={{ p: 4 }}>
              <Stack spacing={1} sx={{ alignItems: 'center', mb: 3 }}>
                <Typography variant="overline" color="primary" sx={{ letterSpacing: 1 }}>{t('translation:app.title')}</Typography>
                <Avatar sx={{ bgcolor: 'primary.main', width: 56, height: 56 }}><LockIcon /></Avatar>
                <Typography variant="h5" component="h1">{t('lock.title')}</Typography>
                <Typography color="text.secondary" sx={{ textAlign: 'center' }}>{t('lock.hint', { name: verifier.displayName })}</Typography>
              </Stack>
              {message && (
                <Alert severity={failure?.reason === 'WRONG_PASSWORD' && waitSeconds === 0 ? 'error' : 'warning'} sx={{ mb: 2 }} data-testid="lock-error" role="alert">
                  {message}
                </Alert>
              )}
              <Stack component="form" spacing={2} onSubmit={(event) => void submit(event)}>
                <TextField
                  label={t('login.password')}
                  type="password"
                  value={password}
                  onChange={(event) => setPassword(event.target.value)}
                  autoComplete="current-password"
                  autoFocus
                  required
                  disabled={waitSeconds > 0}
                />
                <Button type="submit" variant="contained" size="large" disabled={busy || waitSeconds > 0 || password === ''}>
                  {busy ? t('lock.checking') : t('lock.unlock')}
                </Button>
              </Stack>
              <Typography variant="body2" color="text.secondary" sx={{ mt: 3, textAlign: 'center' }}>
                {online ? (
                  <Link component="button" type="button" disabled={!readAhead} onClick={() => setSignInOnline(true)}>{t('lock.signInOnline')}</Link>
                ) : t('lock.forgotOffline')}
              </Typography>
            </CardContent>
          </Card>
        )}
      </Stack>
    </Box>
  );
}
