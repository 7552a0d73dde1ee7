import { Alert, Box, Button, Card, CardContent, Chip, LinearProgress, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { Link as MuiLink } from '@mui/material';
import { VISIT_PURPOSE_LABELS } from '../../../shared/domain/visit';
import { useFormat } from '../../app/format';
import { useFieldVisits, useProvinceReference } from '../../data/province';
import { DemoBanner } from '../home/DemoBanner';
import { useLocalName } from '../checklist/months';
import { VisitForm } from './VisitForm';
import { canWriteLaoHere } from '../../../shared/auth/access';
import { useSessionUser } from '../sync/useSync';

const PAGE = 50;

export function VisitsPage() {
  const { t, i18n } = useTranslation('calendar');
  const format = useFormat();
  const name = useLocalName();
  const [params] = useSearchParams();
  const reference = useProvinceReference();
  const visits = useFieldVisits();
  const lang = i18n.language === 'en' ? 'en' : 'th';
  const [shown, setShown] = useState(PAGE);
  const user = useSessionUser();
  // The officer's own LAOs first in the picker.
  const laos = useMemo(() => {
    const mine = new Set(reference?.currentUser?.laoIds ?? []);
    return [...(reference?.laos ?? [])].sort((a, b) => Number(mine.has(b.id)) - Number(mine.has(a.id)) || a.code.localeCompare(b.code));
  }, [reference]);
  const laoById = useMemo(() => new Map(laos.map((l) => [l.id, l])), [laos]);
  // The form offers only LAOs this user may write: a visit to another officer's LAO would only be refused.
  const writable = useMemo(() => (user === undefined ? [] : laos.filter((lao) => canWriteLaoHere(user, lao))), [laos, user]);
  const userById = useMemo(() => new Map((reference?.users ?? []).map((u) => [u.id, u])), [reference]);
  if (!reference || !visits) return <LinearProgress />;
  return (
    <Stack spacing={3}>
      <DemoBanner />
      <Box>
        <Typography variant="h4" component="h1">{t('visits.title')}</Typography>
        <Typography color="text.secondary">{t('visits.intro')}</Typography>
      </Box>
      {/* A supervisor writes no LAO's records: no visit form the server would refuse. */}
      {writable.length > 0 ? (
        <Card>
          <CardContent>
            <Typography variant="h6" component="h2" gutterBottom>{t('visits.new')}</Typography>
            <VisitForm key={params.get('lao') ?? ''} laos={writable} initialLaoId={params.get('lao') ?? undefined} />
          </CardContent>
        </Card>
      ) : user ? <Alert severity="info" data-testid="visits-read-only">{t('visits.readOnly')}</Alert> : null}
      <Card>
        <CardContent>
          <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'baseline' }}>
            <Typography variant="h6" component="h2">{t('visits.list')}</Typography>
            <Typography variant="body2" color="text.secondary" data-testid="visit-count" data-count={visits.length}>{t('visits.count', { count: visits.length })}</Typography>
          </Stack>
        </CardContent>
        {visits.length === 0 ? (
          <Typography color="text.secondary" sx={{ px: 2, pb: 2 }}>{t('visits.none')}</Typography>
        ) : (
          <TableContainer sx={{ maxHeight: 520 }}>
            <Table stickyHeader size="small" data-testid="visit-list">
              <TableHead>
                <TableRow>
                  <TableCell>{t('visits.date')}</TableCell>
                  <TableCell>{t('visits.lao')}</TableCell>
                  <TableCell>{t('visits.purpose')}</TableCell>
                  <TableCell>{t('visits.categoriesShort')}</TableCell>
                  <TableCell>{t('visits.officer')}</TableCell>
                  <TableCell>{t('visits.notes')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {visits.slice(0, shown).map((visit) => {
                  const lao = laoById.get(visit.laoId);
                  return (
                    <TableRow key={visit.id} hover data-testid="visit-row">
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{format.date(visit.visitedOn)}</TableCell>
                      <TableCell>{lao ? <MuiLink component={RouterLink} to={`/laos/${lao.id}`}>{name(lao)}</MuiLink> : visit.laoId}</TableCell>
                      <TableCell>{VISIT_PURPOSE_LABELS[visit.purpose][lang]}</TableCell>
                      <TableCell>
                        <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
                          {visit.categoriesEntered.map((c) => <Chip key={c} size="small" variant="outlined" label={t(`category.${c}`)} />)}
                        </Stack>
                      </TableCell>
                      <TableCell>{userById.get(visit.officerId)?.displayName ?? ''}</TableCell>
                      <TableCell sx={{ maxWidth: 320 }}>{visit.notes ?? ''}</TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
            {visits.length > shown ? (
              <Box sx={{ p: 1.5 }}><Button size="small" onClick={() => setShown((n) => n + PAGE)}>{t('visits.more', { count: Math.min(PAGE, visits.length - shown) })}</Button></Box>
            ) : null}
          </TableContainer>
        )}
      </Card>
    </Stack>
  );
}
