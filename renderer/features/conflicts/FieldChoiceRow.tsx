import { Box, FormControlLabel, Paper, Radio, RadioGroup, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldChoice } from '../../sync/conflictResolution';

/** One selectable side of a field: a radio with the value under its heading, the whole card clickable. */
function Side(props: { value: FieldChoice['side']; selected: boolean; heading: string; disabled?: boolean; testId: string; wide?: boolean; children: ReactNode }) {
  return (
    <Paper
      variant="outlined"
      data-testid={props.testId}
      data-selected={props.selected}
      sx={{
        minWidth: 0, p: 1.25, borderWidth: props.selected ? 2 : 1, gridColumn: props.wide ? '1 / -1' : undefined,
        borderColor: props.selected ? 'primary.main' : 'divider',
        bgcolor: props.selected ? 'rgba(35,48,122,0.05)' : 'background.paper',
        opacity: props.disabled ? 0.6 : 1,
      }}
    >
      <FormControlLabel
        value={props.value}
        disabled={props.disabled}
        control={<Radio size="small" />}
        label={<Typography variant="caption" color="text.secondary" sx={{ fontWeight: 600 }}>{props.heading}</Typography>}
        sx={{ m: 0, width: '100%', alignItems: 'center' }}
      />
      <Box sx={{ pl: 4, pt: 0.25, typography: 'body1', whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{props.children}</Box>
    </Paper>
  );
}

export interface FieldChoiceRowProps {
  name: string;
  label: string;
  serverText: string;
  clientText: string;
  clientHeading: string;
  choice: FieldChoice['side'];
  onChoose: (side: FieldChoice['side']) => void;
  /** The input for a new value; absent when this field cannot be typed (a group, a list of strategies). */
  customInput?: ReactNode;
  readOnly: boolean;
}

/** A conflicting field: the value on the server and the other value side by side, and a new value if wanted. */
export function FieldChoiceRow(props: FieldChoiceRowProps) {
  const { t } = useTranslation('conflicts');
  return (
    <Box component="fieldset" data-testid={`conflict-field-${props.name}`} sx={{ border: 0, m: 0, p: 0 }}>
      <Typography component="legend" variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>{props.label}</Typography>
      <RadioGroup
        aria-label={t('choose', { field: props.label })}
        value={props.choice}
        onChange={(_event, value) => props.onChoose(value as FieldChoice['side'])}
        // The two values side by side; a new value below them, with the room a form input needs.
        sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 1.5 }}
      >
        <Side value="server" selected={props.choice === 'server'} heading={t('column.server')} testId="side-server">{props.serverText}</Side>
        <Side value="client" selected={props.choice === 'client'} heading={props.clientHeading} disabled={props.readOnly} testId="side-client">{props.clientText}</Side>
        {props.customInput !== undefined && (
          <Side value="custom" selected={props.choice === 'custom'} heading={t('column.custom')} disabled={props.readOnly} testId="side-custom" wide>
            {props.choice === 'custom' ? <Box sx={{ maxWidth: 420, pt: 1 }}>{props.customInput}</Box> : <Typography variant="body2" color="text.secondary">{t('column.customHint')}</Typography>}
          </Side>
        )}
      </RadioGroup>
    </Box>
  );
}
