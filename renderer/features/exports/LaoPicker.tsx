/** Pick LAOs for an export: searchable multi-select over the district's LAOs, with "all of the district". */
import { Autocomplete, Button, Stack, TextField } from '@mui/material';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lao } from '../../../shared/domain/reference';
import { useLocalName } from '../checklist/months';
import { pickableLaos } from './laoSelection';

interface Props {
  laos: readonly Lao[];
  district: string;
  value: readonly string[];
  onChange: (laoIds: string[]) => void;
  disabled?: boolean;
}

export function LaoPicker({ laos, district, value, onChange, disabled }: Props) {
  const { t } = useTranslation('exports');
  const name = useLocalName();
  const options = useMemo(() => pickableLaos(laos, district), [laos, district]);
  const chosen = useMemo(() => {
    const ids = new Set(value);
    return options.filter((lao) => ids.has(lao.id));
  }, [options, value]);
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', flex: '1 1 420px' }}>
      <Autocomplete
        multiple
        size="small"
        limitTags={3}
        disableCloseOnSelect
        disabled={disabled}
        options={options}
        value={chosen}
        onChange={(_e, next) => onChange(next.map((lao) => lao.id))}
        getOptionLabel={(lao) => `${name(lao)} (${lao.code})`}
        isOptionEqualToValue={(a, b) => a.id === b.id}
        noOptionsText={t('page.noLaos')}
        clearText={t('page.clearLaos')}
        openText={t('page.openLaos')}
        closeText={t('page.closeLaos')}
        sx={{ flex: '1 1 320px', minWidth: 260 }}
        data-testid="export-lao-picker"
        renderInput={(params) => (
          <TextField {...params} label={t('page.laos')} placeholder={chosen.length ? '' : t(district ? 'page.laosAllOfDistrict' : 'page.laosAllOfProvince')} />
        )}
      />
      <Button
        size="small"
        disabled={disabled || options.length === 0}
        onClick={() => onChange(options.map((lao) => lao.id))}
        data-testid="export-lao-all"
      >
        {t(district ? 'page.chooseAllOfDistrict' : 'page.chooseAllOfProvince')}
      </Button>
    </Stack>
  );
}
