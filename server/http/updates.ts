/**
 * The desktop app's update feed: UPDATES_DIR (a folder of installers,
 * blockmaps and latest*.yml that electron-builder made) served under
 * /updates/ for electron-updater's generic provider. A second @fastify/static
 * with its own prefix: files only, no listing, no dotfiles, nothing outside
 * the folder. Without UPDATES_DIR, /updates/ answers a JSON 404 that says so.
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError } from './errors';

export const UPDATES_PREFIX = '/updates/';

/** True for /updates and everything under it: never the renderer's page. */
export function isUpdatesPath(path: string): boolean {
  return path === '/updates' || path.startsWith(UPDATES_PREFIX);
}

function sendNotConfigured(_request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const body: ApiError = {
    code: 'UPDATES_NOT_CONFIGURED',
    message: 'This server publishes no desktop updates: UPDATES_DIR is not set (docs/deploy.md, "Desktop updates")',
  };
  return reply.status(404).send(body);
}

export function registerUpdates(app: FastifyInstance, updatesDir: string | undefined): void {
  if (updatesDir === undefined) {
    app.route({ method: ['GET', 'HEAD'], url: '/updates', handler: sendNotConfigured });
    app.route({ method: ['GET', 'HEAD'], url: `${UPDATES_PREFIX}*`, handler: sendNotConfigured });
    return;
  }
  app.register(fastifyStatic, {
    root: updatesDir,
    prefix: UPDATES_PREFIX,
    // The renderer's registration (if any) owns reply.sendFile.
    decorateReply: false,
    index: false,
    list: false,
    dotfiles: 'deny',
    redirect: false,
    setHeaders: (reply, filePath) => {
      // latest.yml names the newest release: always asked again; installers keep their version in the name.
      reply.header('Cache-Control', /\.ya?ml$/i.test(filePath) ? 'no-cache' : 'public, max-age=3600');
    },
  });
}
