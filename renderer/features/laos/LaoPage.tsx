import { Alert, Box, Breadcrumbs, Chip, LinearProgress, Link as MuiLink, MenuItem, Paper, Stack, Tab, Tabs, TextField, Typography } from '@mui/material';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { RecordCategory } from '../../../shared/domain/tables';
import { useFormat } from '../../app/format';
import { localDb } from '../../data/db';
import { loadLaoSummary } from '../../data/queries';
import { requestPersistentStorage } from '../../data/storage';
import { CATEGORIES } from '../records/categories';
import { prefillOf } from '../records/links';
import { RecordSection } from '../records/RecordSection';
import { DemoBanner } from '../home/DemoBanner';
import type { DirectoryLao } from './directory';
import { LaoSummaryCard } from './LaoSummaryCard';
import { OrdinanceBalance } from './OrdinanceBalance';
import { useCanWriteLao, useSessionUser } from '../sync/useSync';

let persistenceRequested = false;

/** Asks once per app run for storage the browser will not evict: officers' records live only here until synced. */
function usePersistentStorage() {
  useEffect(() => {
    if (persistenceRequested) return;
    persistenceRequested = true;
    void requestPersistentStorage();
  }, []);
}

type WorkspaceLao = DirectoryLao & { provinceCode: string };

/** Says once, above the lists, why a reader (a supervisor) finds nothing to add or edit. */
function ReadOnlyNote({ lao }: { lao: WorkspaceLao }) {
  const { t } = useTranslation('records');
  const canWrite = useCanWriteLao(lao);
  const user = useSessionUser();
  return user && !canWrite ? <Alert severity="info" data-testid="lao-read-only">{t('form.readOnly')}</Alert> : null;
}

/** The LAO workspace: a summary for the fiscal year and one tab per record category. */
export function LaoPage() {
  const { laoId = '' } = useParams();
  const { t, i18n } = useTranslation();
  const tr = useTranslation('records').t;
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const currentFy = format.today().fiscalYear;
  const fiscalYear = Number(params.get('fy')) || currentFy;
  // A "fix it" link names a table (section) and a record; the tab follows the table when no category is given.
  const linkedSection = params.get('section');
  const category = (CATEGORIES.find((c) => c.key === params.get('c'))
    ?? CATEGORIES.find((c) => c.sections.some((def) => def.table === linkedSection))
    ?? CATEGORIES[0]!).key;
  usePersistentStorage();
  const data = useLiveQuery(async () => {
    const db = localDb();
    const lao = (await db.laos.get(laoId)) as WorkspaceLao | undefined;
    const district = lao ? await db.districts.get(lao.districtCode) : undefined;
    return { lao, district, summary: await loadLaoSummary(db, laoId, fiscalYear) };
  }, [laoId, fiscalYear]);
  if (!data) return <LinearProgress />;
  if (!data.lao) return <Alert severity="error">{t('lao.notFound')}</Alert>;
  const { lao, district, summary } = data;
  const en = i18n.language === 'en';
  const setParam = (key: string, value: string) => setParams((p) => { p.set(key, value); return p; }, { replace: true });
  const current = CATEGORIES.find((c) => c.key === category)!;
  return (
    // Tighter than other pages: a 1366×768 laptop shows the lists below the summary.
    <Stack spacing={2}>
      <DemoBanner />
      <Breadcrumbs>
        <MuiLink component={Link} to="/laos">{t('nav.laos')}</MuiLink>
        <Typography color="text.primary">{en ? lao.nameEn : lao.nameTh}</Typography>
      </Breadcrumbs>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'flex-end' } }}>
        <Box sx={{ flexGrow: 1 }}>
          <Typography variant="h4" component="h1">{en ? lao.nameEn : lao.nameTh}</Typography>
          <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'center', flexWrap: 'wrap' }}>
            <Chip label={t(`laoType.${lao.type}`)} color="primary" variant="outlined" />
            <Typography color="text.secondary">{t('laos.code', { code: lao.code })}</Typography>
            {district && <Typography color="text.secondary">· {t('laos.district', { name: en ? String(district.nameEn) : String(district.nameTh) })}</Typography>}
          </Stack>
        </Box>
        <TextField
          select
          size="small"
          label={tr('workspace.fiscalYear')}
          value={fiscalYear}
          onChange={(e) => setParam('fy', e.target.value)}
          sx={{ minWidth: 200 }}
          data-testid="fiscal-year"
        >
          {[currentFy + 1, currentFy, currentFy - 1, currentFy - 2].map((fy) => <MenuItem key={fy} value={fy}>{tr('workspace.fiscalYearOption', { fy })}</MenuItem>)}
        </TextField>
      </Stack>
      <LaoSummaryCard summary={summary} fiscalYear={fiscalYear} />
      <ReadOnlyNote lao={lao} />
      <Paper variant="outlined">
        <Tabs
          value={category}
          onChange={(_e, value: RecordCategory) => setParam('c', value)}
          aria-label={tr('workspace.categories')}
          // All eight categories on screen at once, in two rows on a 1366-px laptop: none hides behind a scroll arrow.
          sx={{
            '& .MuiTabs-list, & .MuiTabs-flexContainer': { flexWrap: 'wrap' },
            '& .MuiTabs-indicator': { display: 'none' },
            '& .MuiTab-root': { minHeight: 44, borderBottom: 2, borderColor: 'transparent' },
            '& .MuiTab-root.Mui-selected': { borderColor: 'primary.main', bgcolor: 'rgba(35,48,122,0.06)' },
          }}
        >
          {CATEGORIES.map((c, index) => <Tab key={c.key} value={c.key} label={`${index + 1}. ${tr(`categories.${c.key}`)}`} />)}
        </Tabs>
      </Paper>
      <Stack spacing={2.5} role="tabpanel" aria-label={tr(`categories.${category}`)}>
        {current.sections.map((def) => (
          <RecordSection
            key={`${def.table}-${fiscalYear}`}
            def={def}
            lao={lao}
            fiscalYear={fiscalYear}
            summary={def.table === 'ordinanceItems' ? <OrdinanceBalance summary={summary} /> : undefined}
            openRecordId={def.table === linkedSection ? params.get('record') ?? undefined : undefined}
            prefill={def.table === linkedSection ? prefillOf(params) : undefined}
          />
        ))}
      </Stack>
    </Stack>
  );
}
