import { AppBar, Box, Button, Chip, Container, Link as MuiLink, Toolbar, ToggleButton, ToggleButtonGroup, Tooltip, Typography } from '@mui/material';
import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import CloudDoneIcon from '@mui/icons-material/CloudDone';
import CloudOffIcon from '@mui/icons-material/CloudOff';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { setLanguage, type Language } from '../i18n';
import { useOnline } from './useOnline';

const NAV = [
  { to: '/', key: 'nav.home', end: true },
  { to: '/laos', key: 'nav.laos', end: false },
  { to: '/settings', key: 'nav.settings', end: false },
] as const;

function OnlineChip() {
  const { t } = useTranslation();
  const online = useOnline();
  return (
    <Tooltip title={online ? t('status.online') : t('status.offline')}>
      <Chip
        data-testid="online-status"
        data-online={online}
        icon={online ? <CloudDoneIcon /> : <CloudOffIcon />}
        label={online ? t('status.online') : t('status.offlineShort')}
        color={online ? 'success' : 'warning'}
        variant="filled"
        size="small"
        sx={{ color: '#fff', '& .MuiChip-icon': { color: '#fff' } }}
      />
    </Tooltip>
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={i18n.language}
      aria-label={t('language.label')}
      onChange={(_event, value: Language | null) => value && setLanguage(value)}
      sx={{ bgcolor: 'rgba(255,255,255,0.12)', '& .MuiToggleButton-root': { color: '#fff', px: 1.25, py: 0.25, border: 0 }, '& .Mui-selected': { bgcolor: 'rgba(255,255,255,0.28) !important', color: '#fff !important' } }}
    >
      <ToggleButton value="th" lang="th">{t('language.th')}</ToggleButton>
      <ToggleButton value="en" lang="en">{t('language.en')}</ToggleButton>
    </ToggleButtonGroup>
  );
}

export function Layout() {
  const { t } = useTranslation();
  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <MuiLink href="#main" sx={{ position: 'absolute', left: -9999, '&:focus': { left: 8, top: 8, zIndex: 2000, bgcolor: 'background.paper', p: 1 } }}>
        {t('app.skipToContent')}
      </MuiLink>
      <AppBar position="sticky" elevation={0}>
        <Toolbar sx={{ gap: 2 }}>
          <AccountBalanceIcon aria-hidden />
          <Box sx={{ mr: 2 }}>
            <Typography variant="h6" component="div" sx={{ lineHeight: 1.2 }}>{t('app.title')}</Typography>
            <Typography variant="caption" component="div" sx={{ opacity: 0.8 }}>{t('app.subtitle')}</Typography>
          </Box>
          <Box component="nav" sx={{ display: 'flex', gap: 0.5, flexGrow: 1 }}>
            {NAV.map((item) => (
              <Button
                key={item.to}
                component={NavLink}
                to={item.to}
                end={item.end}
                color="inherit"
                sx={{ opacity: 0.85, '&.active': { opacity: 1, bgcolor: 'rgba(255,255,255,0.16)' } }}
              >
                {t(item.key)}
              </Button>
            ))}
          </Box>
          <OnlineChip />
          <LanguageSwitch />
        </Toolbar>
      </AppBar>
      <Container component="main" id="main" maxWidth="lg" sx={{ py: 3, flexGrow: 1 }}>
        <Outlet />
      </Container>
    </Box>
  );
}
