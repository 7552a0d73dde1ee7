import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';

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
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

const INVALID_JSON_CODES = new Set(['FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_CTP_EMPTY_JSON_BODY']);

/** Turns any thrown value into a status and an ApiError; never exposes a stack or SQL. */
export function toApiError(error: unknown): { statusCode: number; body: ApiError } {
  if (error instanceof HttpError) {
    return { statusCode: error.statusCode, body: { code: error.code, message: error.message } };
  }
  if (error instanceof ZodError) {
    const issues = error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      code: issue.code,
      message: issue.message,
    }));
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
      : (CODE_BY_STATUS[statusCode] ?? 'BAD_REQUEST');
    return { statusCode, body: { code, message: fastifyError.message ?? code } };
  }
  return { statusCode: 500, body: { code: 'INTERNAL_ERROR', message: 'Internal server error' } };
}

function validationFailed(issues: ValidationIssue[]): ApiError {
  return { code: 'VALIDATION_FAILED', message: 'The request is not valid', issues };
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
