/**
 * A small structured logger. Callers pass facts, never secrets: the credential code paths log only
 * workspace ids and secret kinds. Lines are JSON so that a support bundle can be grepped.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export type LogSink = (line: string) => void;

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function serialiseError(err: unknown): unknown {
  if (err instanceof Error)
    return { name: err.name, message: err.message, code: (err as { code?: unknown }).code };
  return err;
}

export function createLogger(
  options: { sink?: LogSink; level?: LogLevel; base?: LogFields } = {},
): Logger {
  const sink = options.sink ?? ((line: string) => process.stderr.write(line + '\n'));
  const min = order[options.level ?? 'info'];
  const base = options.base ?? {};
  const write = (level: LogLevel, message: string, fields?: LogFields) => {
    if (order[level] < min) return;
    const entry: LogFields = { time: new Date().toISOString(), level, msg: message, ...base };
    for (const [k, v] of Object.entries(fields ?? {}))
      entry[k] = k === 'err' ? serialiseError(v) : v;
    sink(JSON.stringify(entry));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (fields) => createLogger({ sink, level: options.level, base: { ...base, ...fields } }),
  };
}

export const silentLogger: Logger = createLogger({ sink: () => undefined });
