import { AppBar, Box, Chip, Container, Drawer, IconButton, Link as MuiLink, List, ListItemButton, ListItemIcon, ListItemText, Toolbar, ToggleButton, ToggleButtonGroup, Tooltip, Typography, useMediaQuery } from '@mui/material';
import { useTheme } from '@mui/material/styles';
import AccountBalanceIcon from '@mui/icons-material/AccountBalance';
import ApartmentIcon from '@mui/icons-material/Apartment';
import BadgeIcon from '@mui/icons-material/Badge';
import CloudDoneIcon from '@mui/icons-material/CloudDone';
import CloudOffIcon from '@mui/icons-material/CloudOff';
import EventNoteIcon from '@mui/icons-material/EventNote';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import InsightsIcon from '@mui/icons-material/Insights';
import GridOnIcon from '@mui/icons-material/GridOn';
import MenuIcon from '@mui/icons-material/Menu';
import PlaceIcon from '@mui/icons-material/Place';
import SettingsIcon from '@mui/icons-material/Settings';
import { LockButton } from '../features/lock/LockButton';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet, useLocation } from 'react-router';
import { setLanguage, type Language } from '../i18n';
import { useOnline } from './useOnline';
import { SyncBanner, SyncStatus } from '../features/sync/SyncStatus';
import { ExportMenu } from '../features/exports/ExportMenu';
import { ConflictsNavIcon } from '../features/conflicts/ConflictsPage';
import { StartupNotice } from './startup';
import { ErrorBoundary, RenderFailureProbe } from './ErrorBoundary';
import { UpdateNotice } from '../features/updates/UpdateNotice';
import { useSessionUser } from '../features/sync/useSync';
import { useIsDemo } from '../data/session';
import { canAdminister, canSupervise } from '../../shared/auth/access';
import type { SessionUser } from '../../shared/sync/protocol';

const DRAWER_WIDTH = 236;

type NavNeed = 'supervise' | 'administer' | 'serverAdmin';

const NAV = [
  { to: '/', key: 'calendar:nav.checklist', end: true, Icon: FactCheckIcon },
  { to: '/matrix', key: 'calendar:nav.matrix', end: false, Icon: GridOnIcon },
  { to: '/visits', key: 'calendar:nav.visits', end: false, Icon: PlaceIcon },
  { to: '/conflicts', key: 'conflicts:nav', end: false, Icon: ConflictsNavIcon },
  { to: '/laos', key: 'nav.laos', end: false, Icon: ApartmentIcon },
  { to: '/officers', key: 'calendar:nav.officers', end: false, Icon: BadgeIcon, needs: 'supervise' },
  { to: '/dashboard', key: 'exports:dashboard.nav', end: false, Icon: InsightsIcon, needs: 'supervise' },
  { to: '/exports', key: 'exports:nav', end: false, Icon: FileDownloadIcon },
  { to: '/calendar', key: 'calendar:editor.nav', end: false, Icon: EventNoteIcon },
  { to: '/admin/registry', key: 'exports:registry.nav', end: false, Icon: UploadFileIcon, needs: 'administer' },
  { to: '/admin/users', key: 'sync:admin.nav', end: false, Icon: ManageAccountsIcon, needs: 'serverAdmin' },
  { to: '/settings', key: 'nav.settings', end: false, Icon: SettingsIcon },
] as const satisfies readonly { to: string; key: string; end: boolean; Icon: unknown; needs?: NavNeed }[];

/**
 * The pages a user is offered (shared/auth/access.ts): officers see no supervision or
 * administration; a laptop nobody signed in on (the on-device demo) sees all but the
 * server's user administration; nothing role-bound until the session is read.
 */
export function offeredFor(user: SessionUser | null | undefined, needs: NavNeed | undefined): boolean {
  if (!needs) return true;
  if (user === undefined) return false;
  if (user === null) return needs !== 'serverAdmin';
  return needs === 'supervise' ? canSupervise(user) : canAdminister(user);
}

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

function NavList({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const user = useSessionUser();
  return (
    <List component="nav" aria-label={t('calendar:nav.menu')} sx={{ px: 1, py: 2 }}>
      {NAV.filter((item) => offeredFor(user, 'needs' in item ? item.needs : undefined)).map(({ to, key, end, Icon }) => (
        <ListItemButton
          key={to}
          component={NavLink}
          to={to}
          end={end}
          onClick={onNavigate}
          sx={{
            borderRadius: 2, mb: 0.5, color: 'text.primary',
            '&.active': { bgcolor: 'rgba(35,48,122,0.10)', color: 'primary.main', fontWeight: 600, '& .MuiListItemIcon-root': { color: 'primary.main' } },
          }}
        >
          <ListItemIcon sx={{ minWidth: 38 }}><Icon aria-hidden fontSize="small" /></ListItemIcon>
          <ListItemText primary={t(key)} slotProps={{ primary: { sx: { fontWeight: 'inherit' } } }} />
        </ListItemButton>
      ))}
    </List>
  );
}

export function Layout() {
  const { t } = useTranslation();
  const theme = useTheme();
  const wide = useMediaQuery(theme.breakpoints.up('md'), { noSsr: true });
  const [open, setOpen] = useState(false);
  const { pathname } = useLocation();
  // Read here, for the app's life, so the pages' demo banners are known before the pages draw (session.ts).
  useIsDemo();
  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <MuiLink href="#main" sx={{ position: 'absolute', left: -9999, '&:focus': { left: 8, top: 8, zIndex: 2000, bgcolor: 'background.paper', p: 1 } }}>
        {t('app.skipToContent')}
      </MuiLink>
      <AppBar position="sticky" elevation={0} sx={{ zIndex: (th) => th.zIndex.drawer + 1 }}>
        <Toolbar sx={{ gap: 2 }}>
          {wide ? <AccountBalanceIcon aria-hidden /> : (
            <IconButton color="inherit" edge="start" aria-label={t('calendar:nav.menu')} onClick={() => setOpen(true)}><MenuIcon /></IconButton>
          )}
          {/* The titles give way (one line each, cut with an ellipsis) when the bar's chips need the room. */}
          <Box sx={{ flexGrow: 1, minWidth: 0 }}>
            <Typography variant="h6" component="div" noWrap sx={{ lineHeight: 1.2 }} title={t('app.title')}>{t('app.title')}</Typography>
            <Typography variant="caption" component="div" noWrap sx={{ opacity: 0.8 }} title={t('app.subtitle')}>{t('app.subtitle')}</Typography>
          </Box>
          <ExportMenu />
          <SyncStatus />
          <OnlineChip />
          <LanguageSwitch />
          <LockButton />
        </Toolbar>
        <SyncBanner />
        <UpdateNotice />
      </AppBar>
      <Box sx={{ display: 'flex', flexGrow: 1 }}>
        {wide ? (
          <Drawer variant="permanent" sx={{ width: DRAWER_WIDTH, flexShrink: 0, bgcolor: '#fbfbfd', borderRight: 1, borderColor: 'divider', '& .MuiDrawer-paper': { width: DRAWER_WIDTH, boxSizing: 'border-box', position: 'sticky', top: 64, height: 'calc(100vh - 64px)', bgcolor: '#fbfbfd', borderRight: 0 } }}>
            <NavList />
          </Drawer>
        ) : (
          <Drawer open={open} onClose={() => setOpen(false)} sx={{ '& .MuiDrawer-paper': { width: DRAWER_WIDTH } }}>
            <Toolbar />
            <NavList onNavigate={() => setOpen(false)} />
          </Drawer>
        )}
        <Container component="main" id="main" maxWidth="xl" sx={{ py: 3, flexGrow: 1, minWidth: 0 }}>
          <StartupNotice />
          <ErrorBoundary resetKey={pathname}>
            <RenderFailureProbe />
            <Outlet />
          </ErrorBoundary>
        </Container>
      </Box>
    </Box>
  );
}
