import { CssBaseline, ThemeProvider } from '@mui/material';
import { I18nextProvider } from 'react-i18next';
import { HashRouter, Route, Routes } from 'react-router';
import i18n from '../i18n';
import { theme } from './theme';
import { Layout } from './Layout';
import { HomePage } from '../features/home/HomePage';
import { NotFoundPage } from './NotFoundPage';
import { ConflictsPage } from '../features/conflicts/ConflictsPage';
import { startSync } from '../sync/runtime';
import { LockGate } from '../features/lock/LockGate';
import { lazy, useEffect } from 'react';
import { StartupCheck, useStartupPhase } from './startup';
import { ErrorBoundary } from './ErrorBoundary';

// Pages a start does not show are loaded when first opened (each its own chunk, precached for offline
// use by the service worker and served from app:// by the desktop app): the start evaluates less code.
const LaoDirectoryPage = lazy(() => import('../features/laos/LaoDirectoryPage').then((module) => ({ default: module.LaoDirectoryPage })));
const LaoPage = lazy(() => import('../features/laos/LaoPage').then((module) => ({ default: module.LaoPage })));
const SettingsPage = lazy(() => import('../features/settings/SettingsPage').then((module) => ({ default: module.SettingsPage })));
const MatrixPage = lazy(() => import('../features/matrix/MatrixPage').then((module) => ({ default: module.MatrixPage })));
const VisitsPage = lazy(() => import('../features/visits/VisitsPage').then((module) => ({ default: module.VisitsPage })));
const OfficersPage = lazy(() => import('../features/officers/OfficersPage').then((module) => ({ default: module.OfficersPage })));
const ExportsPage = lazy(() => import('../features/exports/ExportsPage').then((module) => ({ default: module.ExportsPage })));
const RegistryImportPage = lazy(() => import('../features/admin/RegistryImportPage').then((module) => ({ default: module.RegistryImportPage })));
const UsersPage = lazy(() => import('../features/admin/UsersPage').then((module) => ({ default: module.UsersPage })));
const DashboardPage = lazy(() => import('../features/dashboard/DashboardPage').then((module) => ({ default: module.DashboardPage })));
const CalendarPage = lazy(() => import('../features/calendarEditor/CalendarPage').then((module) => ({ default: module.CalendarPage })));
const LoginPage = lazy(() => import('../features/sync/LoginPage').then((module) => ({ default: module.LoginPage })));

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
