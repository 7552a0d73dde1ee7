/**
 * Calendars as server data (issue 17). Anyone signed in reads the calendars in
 * force (they also come with /v1/reference, so every laptop follows after its
 * next sync) and a year's versions; administrators publish. A publication
 * carries the version its editor started from: when someone else published
 * meanwhile it is refused (409 CALENDAR_STALE), never silently replaced.
 */
import type { FastifyInstance } from 'fastify';
import {
  defaultTemplate, fiscalYearParam, noChanges, publishCalendarSchema, templateChanges,
  type CalendarPublication, type CalendarTemplate, type TemplateChanges,
} from '../../shared/calendar/index';
import type { Queryable } from '../store/db';
import { HttpError } from './errors';
import { authenticate, principalOf, requireAdmin, type Services } from './services';
import { requireVersions } from './versions';

interface CalendarRow {
  fiscal_year: number;
  version: number;
  template: CalendarTemplate;
  published_by: string;
  published_at: Date | string;
  note: string;
  changes: TemplateChanges;
}

const COLUMNS = 'fiscal_year, version, template, published_by, published_at, note, changes';

const publicationOf = (row: CalendarRow): CalendarPublication => ({
  fiscalYear: row.fiscal_year,
  version: row.version,
  template: row.template,
  publishedBy: row.published_by,
  publishedAt: new Date(row.published_at).toISOString(),
  note: row.note,
  changes: row.changes,
});

/** The newest version of every fiscal year that has one, oldest year first. */
export async function calendarsInForce(db: Queryable): Promise<CalendarPublication[]> {
  const { rows } = await db.query<CalendarRow>(
    `SELECT DISTINCT ON (fiscal_year) ${COLUMNS} FROM calendar_templates ORDER BY fiscal_year, version DESC`,
  );
  return rows.map(publicationOf);
}

async function versionsOf(db: Queryable, fiscalYear: number): Promise<CalendarPublication[]> {
  const { rows } = await db.query<CalendarRow>(`SELECT ${COLUMNS} FROM calendar_templates WHERE fiscal_year = $1 ORDER BY version DESC`, [fiscalYear]);
  return rows.map(publicationOf);
}

export async function calendarRoutes(app: FastifyInstance, options: { services: Services }): Promise<void> {
  const { services } = options;
  const { db } = services;
  app.addHook('onRequest', authenticate(services));
  app.addHook('preHandler', requireVersions);

  app.get('/v1/calendars', async () => ({ calendars: await calendarsInForce(db) }));

  app.get('/v1/calendars/:fiscalYear/versions', async (request) => {
    const { fiscalYear } = fiscalYearParam.parse(request.params);
    return { versions: await versionsOf(db, fiscalYear) };
  });

  // Administrators only, checked before the body is read.
  app.post('/v1/admin/calendars/:fiscalYear', { onRequest: async (request) => void requireAdmin(request), bodyLimit: 2 * 1024 * 1024 }, async (request) => {
    const principal = principalOf(request);
    const { fiscalYear } = fiscalYearParam.parse(request.params);
    const body = publishCalendarSchema.parse(request.body);
    if (body.template.fiscalYear !== fiscalYear) {
      throw new HttpError(400, 'CALENDAR_YEAR_MISMATCH', `The template is for fiscal year ${body.template.fiscalYear}, not ${fiscalYear}`);
    }
    return db.transaction(async (tx) => {
      // One publisher of a year at a time: the version read below is the one the insert follows.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`calendar ${fiscalYear}`]);
      const current = (await versionsOf(tx, fiscalYear))[0];
      if ((current?.version ?? null) !== body.baseVersion) {
        throw new HttpError(409, 'CALENDAR_STALE', `Version ${current?.version ?? 'none'} of this calendar was published after the one the draft started from`);
      }
      const changes = templateChanges(current?.template ?? defaultTemplate(fiscalYear), body.template);
      if (current && noChanges(changes)) return { calendar: current, unchanged: true };
      const { rows } = await tx.query<CalendarRow>(
        `INSERT INTO calendar_templates (fiscal_year, version, template, published_by, published_at, note, changes)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [fiscalYear, (current?.version ?? 0) + 1, JSON.stringify(body.template), principal.id, services.now(), body.note, JSON.stringify(changes)],
      );
      return { calendar: publicationOf(rows[0]!), unchanged: false };
    });
  });
}
