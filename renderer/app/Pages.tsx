/**
 * Every page of the app, in a chunk of its own (App.tsx loads it lazily): the
 * lock screen and the start-up check come up without parsing and running the
 * pages' code, which loads while the officer types the password.
 */
import { Route, Routes } from 'react-router';
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

/** Every page, by hash route: works from app://, file:// and any static server alike. */
export function Pages() {
  return (
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
  );
}
