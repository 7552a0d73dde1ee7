/** The app bar's export menu: the four exports with their shortcuts, which it also registers for every page. */
import { Box, Button, ListItemIcon, ListItemText, Menu, MenuItem, Typography } from '@mui/material';
import FileDownloadIcon from '@mui/icons-material/FileDownload';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXPORT_ACTIONS, shortcutLabel } from './exportActions';
import { useExportShortcuts, useStartExport } from './useExportShortcuts';

export function ExportMenu() {
  const { t } = useTranslation('exports');
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const start = useStartExport();
  useExportShortcuts();
  return (
    <>
      <Button
        color="inherit"
        startIcon={<FileDownloadIcon />}
        onClick={(e) => setAnchor(e.currentTarget)}
        aria-haspopup="menu"
        aria-expanded={anchor ? 'true' : undefined}
        aria-label={t('appMenu.label')}
        data-testid="appbar-export-menu"
        sx={{ whiteSpace: 'nowrap', minWidth: 0 }}
      >
        <Box component="span" sx={{ display: { xs: 'none', sm: 'inline' } }}>{t('appMenu.button')}</Box>
      </Button>
      <Menu anchorEl={anchor} open={Boolean(anchor)} onClose={() => setAnchor(null)}>
        {EXPORT_ACTIONS.map((action) => (
          <MenuItem
            key={action.kind}
            data-testid={`appbar-export-${action.kind}`}
            onClick={() => {
              setAnchor(null);
              start(action.kind);
            }}
          >
            <ListItemIcon><FileDownloadIcon fontSize="small" /></ListItemIcon>
            <ListItemText>{t(`kind.${action.kind}`)}</ListItemText>
            <Typography variant="body2" color="text.secondary" sx={{ ml: 3, fontFamily: 'monospace' }}>{shortcutLabel(action)}</Typography>
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}
