import { Alert } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useIsDemo } from '../../data/session';

/** Demo data is always labelled as such, so nobody mistakes it for a real LAO's. */
export function DemoBanner() {
  const { t } = useTranslation();
  return useIsDemo() ? <Alert severity="warning" data-testid="demo-banner">{t('home.demoBanner')}</Alert> : null;
}
