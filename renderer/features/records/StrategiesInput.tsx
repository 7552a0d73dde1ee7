import { Box, Button, FormHelperText, Grid, IconButton, Paper, Stack, TextField, Tooltip, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import type { LabelContext, StrategyDraft } from './types';

/** Strategies of a vision: code, name and one development approach per line. */
export function StrategiesInput({ label, value, onChange, error, ctx }: {
  label: string;
  value: StrategyDraft[];
  onChange: (value: StrategyDraft[]) => void;
  error?: string;
  ctx: LabelContext;
}) {
  const set = (index: number, patch: Partial<StrategyDraft>) => onChange(value.map((s, i) => (i === index ? { ...s, ...patch } : s)));
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
      <Typography component="legend" variant="subtitle2" sx={{ mb: 1 }}>{label}</Typography>
      <Stack spacing={1.5}>
        {value.map((strategy, index) => (
          <Paper key={index} variant="outlined" sx={{ p: 1.5 }} data-testid="strategy">
            <Grid container spacing={1.5} sx={{ alignItems: 'flex-start' }}>
              <Grid size={{ xs: 12, sm: 3 }}>
                <TextField size="small" name={`strategies.${index}.code`} label={ctx.t('visions.fields.strategyCode')} value={strategy.code} onChange={(e) => set(index, { code: e.target.value })} fullWidth />
              </Grid>
              <Grid size={{ xs: 11, sm: 8 }}>
                <TextField size="small" name={`strategies.${index}.name`} label={ctx.t('visions.fields.strategyName')} value={strategy.name} onChange={(e) => set(index, { name: e.target.value })} fullWidth />
              </Grid>
              <Grid size={1} sx={{ textAlign: 'right' }}>
                <Tooltip title={ctx.t('visions.removeStrategy')}>
                  <IconButton aria-label={ctx.t('visions.removeStrategy')} onClick={() => onChange(value.filter((_, i) => i !== index))}><DeleteOutlineIcon /></IconButton>
                </Tooltip>
              </Grid>
              <Grid size={12}>
                <TextField size="small" name={`strategies.${index}.approaches`} label={ctx.t('visions.fields.approaches')} value={strategy.approaches} onChange={(e) => set(index, { approaches: e.target.value })} multiline minRows={2} fullWidth helperText={ctx.t('form.onePerLine')} />
              </Grid>
            </Grid>
          </Paper>
        ))}
      </Stack>
      <Button startIcon={<AddIcon />} sx={{ mt: 1 }} onClick={() => onChange([...value, { code: '', name: '', approaches: '' }])}>{ctx.t('visions.addStrategy')}</Button>
      {error && <FormHelperText error>{error}</FormHelperText>}
    </Box>
  );
}
