/**
 * IPC handlers behind the platform bridge. Every argument from the renderer
 * is untrusted: the sender frame is checked and each argument validated with
 * zod before anything touches the disk, the keychain or the shell.
 * Electron APIs come in as dependencies so this runs in plain Node tests.
 */
import * as path from 'node:path';
import { z } from 'zod';
import { APP_LANGUAGES, IPC, type AppLanguage, type SaveFileResult, type UpdateState } from '../shared/platform/bridge';
import { PlatformError } from './errors';
import { fileExtension, sanitizeFileName } from './file-name';
import { APP_ORIGIN, isSafeExternalUrl, isTrustedSenderUrl } from './security';
import type { Log } from './log';
import type { TokenStore } from './token-store';
import type { UpdateController } from './updates';

export const MAX_SAVE_FILE_BYTES = 200 * 1024 * 1024;
export const MAX_TOKEN_LENGTH = 8192;
export const MAX_URL_LENGTH = 2048;

export type IpcChannel = (typeof IPC)[keyof typeof IPC];

/** The part of an `IpcMainInvokeEvent` the handlers look at. */
export interface IpcEventLike {
  senderFrame?: { url: string } | null;
}

export type IpcHandler = (event: IpcEventLike, ...args: unknown[]) => Promise<unknown>;

export interface SaveDialogOptionsLike {
  title?: string;
  defaultPath: string;
  filters: Array<{ name: string; extensions: string[] }>;
  properties: Array<'createDirectory' | 'showOverwriteConfirmation'>;
}

export interface IpcDeps {
  app: { getVersion(): string; getPath(name: 'downloads'): string };
  /** Shows the save dialog (parented to the app window by the caller). */
  dialog: { showSaveDialog(options: SaveDialogOptionsLike): Promise<{ canceled: boolean; filePath?: string }> };
  fs: { writeFile(filePath: string, data: Uint8Array): Promise<void> };
  shell: { openExternal(url: string): Promise<void> };
  tokenStore: TokenStore;
  /** From EPLAN_SERVER_URL at start-up, already validated. */
  defaultServerUrl: string | null;
  /** The renderer's language changed: the menus follow. */
  onLanguage: (language: AppLanguage) => void;
  /** The log file the renderer's errors go to. */
  log: Pick<Log, 'write'>;
  /** Null where the app cannot update itself (not installed from an installer). */
  updates: Pick<UpdateController, 'setServer' | 'state' | 'install'> | null;
  appOrigin?: string;
  onError?: (error: unknown) => void;
}

const saveFileRequestSchema = z.strictObject({
  suggestedName: z.string().trim().min(1).max(255),
  mimeType: z
    .string()
    .max(255)
    .regex(/^[\w.+-]+\/[\w.+-]+(\s*;[^\r\n]*)?$/, 'not a MIME type'),
  data: z
    .instanceof(Uint8Array)
    .refine((data) => data.byteLength < MAX_SAVE_FILE_BYTES, 'file is larger than 200 MB'),
});

const tokenSchema = z
  .string()
  .min(1)
  .max(MAX_TOKEN_LENGTH)
  .regex(/^[\x21-\x7e]+$/, 'token must be printable ASCII without spaces');

const urlSchema = z.string().min(1).max(MAX_URL_LENGTH);

const noArgs = z.tuple([]);

export const MAX_ERROR_REPORT_CHARS = 20_000;

const errorReportSchema = z.strictObject({
  message: z.string().max(4000),
  stack: z.string().max(MAX_ERROR_REPORT_CHARS).optional(),
  componentStack: z.string().max(MAX_ERROR_REPORT_CHARS).optional(),
});

/** The report as the log file's entry: the message, then the stacks. */
function errorReportText(report: z.output<typeof errorReportSchema>): string {
  const stack = report.stack && report.stack.includes(report.message) ? report.stack : [report.message, report.stack].filter(Boolean).join('\n');
  return report.componentStack ? `${stack}\ncomponent stack:${report.componentStack}` : stack;
}

const UNSUPPORTED: UpdateState = { status: 'unsupported' };

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'argument'}: ${issue.message}`).join('; ');
}

/** Parses the argument list or throws INVALID_REQUEST. */
function parseArgs<T extends z.ZodType>(schema: T, args: unknown[]): z.output<T> {
  const result = schema.safeParse(args);
  if (!result.success) throw new PlatformError('INVALID_REQUEST', describeIssues(result.error));
  return result.data;
}

function errnoCode(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : 'unknown error';
}

function saveFilters(fileName: string): SaveDialogOptionsLike['filters'] {
  const extension = fileExtension(fileName);
  const all = { name: 'All Files', extensions: ['*'] };
  return extension ? [{ name: extension.toUpperCase(), extensions: [extension] }, all] : [all];
}

function createSaveFileHandler(deps: IpcDeps): (args: unknown[]) => Promise<SaveFileResult> {
  const onError = deps.onError ?? (() => undefined);
  return async (args) => {
    const parsed = z.tuple([saveFileRequestSchema]).safeParse(args);
    if (!parsed.success) return { ok: false, code: 'INVALID_REQUEST', message: describeIssues(parsed.error) };
    const [request] = parsed.data;
    const fileName = sanitizeFileName(request.suggestedName);

    let defaultPath = fileName;
    try {
      defaultPath = path.join(deps.app.getPath('downloads'), fileName);
    } catch (error) {
      onError(error);
    }

    let filePath: string | undefined;
    try {
      const choice = await deps.dialog.showSaveDialog({
        defaultPath,
        filters: saveFilters(fileName),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      filePath = choice.canceled ? undefined : choice.filePath;
    } catch (error) {
      onError(error);
      return { ok: false, code: 'WRITE_FAILED', message: 'the save dialog could not be shown' };
    }
    if (!filePath) return { ok: false, code: 'CANCELLED' };

    try {
      await deps.fs.writeFile(filePath, request.data);
    } catch (error) {
      onError(error);
      return { ok: false, code: 'WRITE_FAILED', message: errnoCode(error) };
    }
    return { ok: true, path: filePath };
  };
}

/** One handler per bridge channel, ready for `ipcMain.handle`. */
export function createIpcHandlers(deps: IpcDeps): Record<IpcChannel, IpcHandler> {
  const appOrigin = deps.appOrigin ?? APP_ORIGIN;
  const saveFile = createSaveFileHandler(deps);

  const guarded =
    (handle: (args: unknown[]) => Promise<unknown>): IpcHandler =>
    async (event, ...args) => {
      if (!isTrustedSenderUrl(event.senderFrame?.url, appOrigin)) {
        throw new PlatformError('UNTRUSTED_SENDER', 'IPC is only answered for the app window');
      }
      return handle(args);
    };

  return {
    [IPC.appVersion]: guarded(async (args) => {
      parseArgs(noArgs, args);
      return deps.app.getVersion();
    }),
    [IPC.saveFile]: guarded(saveFile),
    [IPC.storeToken]: guarded(async (args) => {
      const [token] = parseArgs(z.tuple([tokenSchema]), args);
      await deps.tokenStore.store(token);
    }),
    [IPC.readToken]: guarded(async (args) => {
      parseArgs(noArgs, args);
      return deps.tokenStore.read();
    }),
    [IPC.clearToken]: guarded(async (args) => {
      parseArgs(noArgs, args);
      await deps.tokenStore.clear();
    }),
    [IPC.defaultServerUrl]: guarded(async (args) => {
      parseArgs(noArgs, args);
      return deps.defaultServerUrl;
    }),
    [IPC.openExternal]: guarded(async (args) => {
      const [url] = parseArgs(z.tuple([urlSchema]), args);
      if (!isSafeExternalUrl(url)) return false;
      try {
        await deps.shell.openExternal(url);
        return true;
      } catch (error) {
        deps.onError?.(error);
        return false;
      }
    }),
    [IPC.setLanguage]: guarded(async (args) => {
      const [language] = parseArgs(z.tuple([z.enum(APP_LANGUAGES)]), args);
      deps.onLanguage(language);
    }),
    [IPC.reportError]: guarded(async (args) => {
      const [report] = parseArgs(z.tuple([errorReportSchema]), args);
      await deps.log.write('error', 'renderer', errorReportText(report));
    }),
    [IPC.setUpdateServer]: guarded(async (args) => {
      const [serverUrl] = parseArgs(z.tuple([urlSchema]), args);
      if (deps.updates && !deps.updates.setServer(serverUrl)) {
        throw new PlatformError('INVALID_REQUEST', 'the server address must be an http(s) URL');
      }
    }),
    [IPC.updateState]: guarded(async (args) => {
      parseArgs(noArgs, args);
      return deps.updates?.state() ?? UNSUPPORTED;
    }),
    [IPC.installUpdate]: guarded(async (args) => {
      parseArgs(noArgs, args);
      return deps.updates?.install() ?? false;
    }),
  };
}

export interface IpcMainLike {
  handle(channel: string, listener: IpcHandler): void;
}

export function registerIpcHandlers(ipcMain: IpcMainLike, handlers: Record<IpcChannel, IpcHandler>): void {
  for (const [channel, handler] of Object.entries(handlers)) {
    ipcMain.handle(channel, handler);
  }
}
