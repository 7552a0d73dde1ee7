/**
 * How the server reads request bodies and answers while it shuts down, both
 * in the {code, message} shape of every other answer.
 */
import type { FastifyInstance } from 'fastify';
import { INVALID_TEXT } from '../../shared/text';
import { HttpError } from './errors';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON bodies are UTF-8, read strictly: bytes that are not UTF-8 are refused
 * as INVALID_TEXT, where Node's own decoding would turn them into U+FFFD and
 * store a changed text without a word. The JSON itself is read by Fastify's
 * default parser (its prototype-poisoning guards included).
 */
export function registerStrictJson(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(body as Buffer);
    } catch {
      done(new HttpError(400, INVALID_TEXT, 'The request body is not valid UTF-8'), undefined);
      return;
    }
    parseJson(request, text, done);
  });
}

/**
 * Requests that arrive once the server has begun to close get 503
 * SHUTTING_DOWN (the laptop retries later); Fastify's own 503 has another
 * shape, so the app turns it off (`return503OnClosing: false`).
 */
export function registerShutdownAnswer(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async (_request, reply) => {
    if (!closing) return;
    reply.header('connection', 'close');
    throw new HttpError(503, 'SHUTTING_DOWN', 'The server is restarting; try again in a moment');
  });
}
