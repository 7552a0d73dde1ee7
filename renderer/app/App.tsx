import { CssBaseline, ThemeProvider } from '@mui/material';
import { I18nextProvider } from 'react-i18next';
import { HashRouter, Route, Routes } from 'react-router';
import i18n from '../i18n';
import { theme } from './theme';
import { Layout } from './Layout';
import { HomePage } from '../features/home/HomePage';
import { LaoDirectoryPage } from '../features/laos/LaoDirectoryPage';
import { LaoPage } from '../features/laos/LaoPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { MatrixPage } from '../features/matrix/MatrixPage';
import { VisitsPage } from '../features/visits/VisitsPage';
import { OfficersPage } from '../features/officers/OfficersPage';
import { ExportsPage } from '../features/exports/ExportsPage';
import { RegistryImportPage } from '../features/admin/RegistryImportPage';
import { UsersPage } from '../features/admin/UsersPage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { CalendarPage } from '../features/calendarEditor/CalendarPage';
import { NotFoundPage } from './NotFoundPage';
import { LoginPage } from '../features/sync/LoginPage';
import { ConflictsPage } from '../features/conflicts/ConflictsPage';
import { startSync } from '../sync/runtime';
import { LockGate } from '../features/lock/LockGate';
import { useEffect } from 'react';
import { StartupCheck, useStartupPhase } from './startup';
import { ErrorBoundary } from './ErrorBoundary';

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
