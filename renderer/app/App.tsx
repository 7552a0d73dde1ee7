import { CssBaseline, ThemeProvider } from '@mui/material';
import { I18nextProvider } from 'react-i18next';
import { HashRouter, Route, Routes } from 'react-router';
import i18n from '../i18n';
import { theme } from './theme';
import { Layout } from './Layout';
import { HomePage } from '../features/home/HomePage';
import { NotFoundPage } from './NotFoundPage';
import { LoginPage } from '../features/sync/LoginPage';
import { startSync } from '../sync/runtime';
import { LockGate } from '../features/lock/LockGate';
import { lazy, useEffect, type ComponentType } from 'react';
import { StartupCheck, useStartupPhase } from './startup';
import { ErrorBoundary } from './ErrorBoundary';

/*
 * The pages other than the checklist (the first page after the unlock) and the
 * sign-in are loaded when first opened: the code parsed before the first screen
 * is that much smaller. Every file is precached by the service worker (and on
 * the laptop served from app://), so they open offline as well.
 */
function lazyPage<Name extends string>(load: () => Promise<Record<Name, ComponentType>>, name: Name) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}
const LaoDirectoryPage = lazyPage(() => import('../features/laos/LaoDirectoryPage'), 'LaoDirectoryPage');
const LaoPage = lazyPage(() => import('../features/laos/LaoPage'), 'LaoPage');
const SettingsPage = lazyPage(() => import('../features/settings/SettingsPage'), 'SettingsPage');
const MatrixPage = lazyPage(() => import('../features/matrix/MatrixPage'), 'MatrixPage');
const VisitsPage = lazyPage(() => import('../features/visits/VisitsPage'), 'VisitsPage');
const OfficersPage = lazyPage(() => import('../features/officers/OfficersPage'), 'OfficersPage');
const ExportsPage = lazyPage(() => import('../features/exports/ExportsPage'), 'ExportsPage');
const RegistryImportPage = lazyPage(() => import('../features/admin/RegistryImportPage'), 'RegistryImportPage');
const UsersPage = lazyPage(() => import('../features/admin/UsersPage'), 'UsersPage');
const DashboardPage = lazyPage(() => import('../features/dashboard/DashboardPage'), 'DashboardPage');
const CalendarPage = lazyPage(() => import('../features/calendarEditor/CalendarPage'), 'CalendarPage');
const ConflictsPage = lazyPage(() => import('../features/conflicts/ConflictsPage'), 'ConflictsPage');

/** Hash routing: works from app://, file:// and any static server alike. */
function AppRoutes() {
  return (
    <HashRouter>
      <LockGate>
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<HomePage />} />
            <Route path="laos" element={<LaoDirectoryPage />} />
            <Route path="laos/:laoId" element={<LaoPage />} />
            <Route path="matrix" element={<MatrixPage />} />
            <Route path="visits" element={<VisitsPage />} />
            <Route path="officers" element={<OfficersPage />} />
            <Route path="exports" element={<ExportsPage />} />
            <Route path="admin/registry" element={<RegistryImportPage />} />
            <Route path="admin/users" element={<UsersPage />} />
            <Route path="dashboard" element={<DashboardPage />} />
            <Route path="calendar" element={<CalendarPage />} />
            <Route path="settings" element={<SettingsPage />} />
            <Route path="login" element={<LoginPage />} />
            <Route path="conflicts" element={<ConflictsPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </LockGate>
    </HashRouter>
  );
}

export function App() {
  const phase = useStartupPhase();
  // Sync starts once a cut-off load is gone, so it never writes beside that load's rows.
  useEffect(() => (phase === 'ready' ? startSync() : undefined), [phase]);
  return (
    <I18nextProvider i18n={i18n}>
      <ThemeProvider theme={theme}>
        <CssBaseline />
        <ErrorBoundary>{phase === 'ready' ? <AppRoutes /> : <StartupCheck phase={phase} />}</ErrorBoundary>
      </ThemeProvider>
    </I18nextProvider>
  );
}
