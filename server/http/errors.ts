import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError, type z } from 'zod';
import { INVALID_TEXT, TEXT_INVALID } from '../../shared/text';

/** One problem in a request: dotted path, a machine code (zod issue code or JSON-schema keyword), a hint. */
export interface ValidationIssue {
  path: string;
  code: string;
  message: string;
}

/** The body of every error response: a code the client translates, and an English hint. */
export interface ApiError {
  code: string;
  message: string;
  issues?: ValidationIssue[];
}

/** Thrown by route handlers to answer with a specific status and code. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** Every problem found, when a request has several (a registry file's rows). */
    readonly issues?: ValidationIssue[],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  431: 'HEADERS_TOO_LARGE',
  503: 'SERVICE_UNAVAILABLE',
};

const INVALID_JSON_CODES = new Set(['FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_CTP_EMPTY_JSON_BODY']);
/** Fastify's own codes that get a code of ours other than the status's. */
const FASTIFY_CODES: Record<string, string> = { FST_ERR_BAD_URL: 'BAD_URL' };

const INVALID_TEXT_MESSAGE = 'Text must not contain NUL characters or unpaired surrogates';

/** Whether a zod issue, or one nested in it (a record key, a union branch), refused text. */
function refusesText(issues: readonly z.core.$ZodIssue[]): boolean {
  const stack = [...issues];
  while (stack.length > 0) {
    const issue = stack.pop()!;
    if (issue.message === TEXT_INVALID) return true;
    if (issue.code === 'invalid_key' || issue.code === 'invalid_element') stack.push(...issue.issues);
    if (issue.code === 'invalid_union') for (const branch of issue.errors) stack.push(...branch);
  }
  return false;
}

/**
 * The refusal of a request whose data failed shared/ validation: INVALID_TEXT
 * when some issue is refused text (the laptop translates that code), else
 * VALIDATION_FAILED.
 */
export function invalidData(issueCodes: readonly string[], message: string): HttpError {
  return issueCodes.includes(TEXT_INVALID)
    ? new HttpError(400, INVALID_TEXT, `${INVALID_TEXT_MESSAGE}: ${message}`)
    : new HttpError(400, 'VALIDATION_FAILED', message);
}

/** Turns any thrown value into a status and an ApiError; never exposes a stack or SQL. */
export function toApiError(error: unknown): { statusCode: number; body: ApiError } {
  if (error instanceof HttpError) {
    return { statusCode: error.statusCode, body: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } };
  }
  if (error instanceof ZodError) {
    const issues = error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      code: issue.code,
      message: issue.message,
    }));
    if (refusesText(error.issues)) return { statusCode: 400, body: { code: INVALID_TEXT, message: INVALID_TEXT_MESSAGE, issues } };
    return { statusCode: 400, body: validationFailed(issues) };
  }
  const fastifyError = error as Partial<FastifyError>;
  if (Array.isArray(fastifyError.validation)) {
    const issues = fastifyError.validation.map((issue) => {
      // A missing property is reported on its parent; point at the property itself.
      const missing = (issue.params as { missingProperty?: unknown }).missingProperty;
      const pointer = typeof missing === 'string' ? `${issue.instancePath}/${missing}` : issue.instancePath;
      return {
        path: pointer.replace(/^\//, '').replaceAll('/', '.'),
        code: issue.keyword,
        message: issue.message ?? 'is invalid',
      };
    });
    return { statusCode: 400, body: validationFailed(issues) };
  }
  const statusCode = fastifyError.statusCode ?? 500;
  if (statusCode >= 400 && statusCode < 500) {
    const code = INVALID_JSON_CODES.has(fastifyError.code ?? '')
      ? 'INVALID_JSON'
      : (FASTIFY_CODES[fastifyError.code ?? ''] ?? CODE_BY_STATUS[statusCode] ?? 'BAD_REQUEST');
    return { statusCode, body: { code, message: fastifyError.message ?? code } };
  }
  return { statusCode: 500, body: { code: 'INTERNAL_ERROR', message: 'Internal server error' } };
}

function validationFailed(issues: ValidationIssue[]): ApiError {
  return { code: 'VALIDATION_FAILED', message: 'The request is not valid', issues };
}

/**
 * Fastify's errors before routing (a bad percent-encoding, a path parameter
 * over maxParamLength: 414) in our {code, message} shape; pass as the
 * `frameworkErrors` option.
 */
export function sendFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { statusCode, body } = toApiError(error);
  return reply.status(statusCode).send(body);
}

/**
 * Errors Node's HTTP parser meets before there is a request (headers over
 * the size limit: 431, a malformed request line: 400), in our shape too;
 * pass as the `clientErrorHandler` option.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection, or one already gone, has nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, body]: [number, string, ApiError] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', { code: 'HEADERS_TOO_LARGE', message: 'The request headers are too large' }]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', { code: 'REQUEST_TIMEOUT', message: 'The request took too long to arrive' }]
        : [400, 'Bad Request', { code: 'BAD_REQUEST', message: 'The request could not be read' }];
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${Buffer.byteLength(text)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${text}`);
  }
  socket.destroy(error);
}

/** JSON errors for every route; unknown routes are answered by sendNotFound. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const { statusCode, body } = toApiError(error);
    if (statusCode >= 500) request.log.error({ err: error }, 'request failed');
    return reply.status(statusCode).send(body);
  });
}

export function sendNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const body: ApiError = {
    code: 'NOT_FOUND',
    message: `No route for ${request.method} ${request.url.split('?')[0]}`,
  };
  return reply.status(404).send(body);
}
