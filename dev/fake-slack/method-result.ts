/** What a fake Web API method answers, plus helpers to read loosely typed Slack arguments. */

/** Decoded request arguments: form fields are strings; JSON fields (`view`, `blocks`, …) are already parsed. */
export type SlackArgs = Record<string, unknown>;

export interface MethodResult {
  body: { ok: boolean; error?: string; [field: string]: unknown };
  /** recorded with the call but not sent: Slack itself accepts these requests silently */
  warning?: string;
}

export type MethodHandler = (args: SlackArgs) => MethodResult;

export function succeed(fields: Record<string, unknown> = {}, warning?: string): MethodResult {
  return warning === undefined ? { body: { ok: true, ...fields } } : { body: { ok: true, ...fields }, warning };
}

export function fail(error: string, extra: Record<string, unknown> = {}): MethodResult {
  return { body: { ok: false, error, ...extra } };
}

/** Slack's answer to a missing or malformed argument, with a reason a person can act on. */
export function invalidArguments(...messages: string[]): MethodResult {
  return fail('invalid_arguments', { response_metadata: { messages } });
}

export function stringArg(args: SlackArgs, name: string): string | undefined {
  const value = args[name];
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** Form bodies carry booleans as 'true'/'1'; JSON bodies as real booleans. */
export function booleanArg(args: SlackArgs, name: string): boolean {
  const value = args[name];
  return value === true || value === 'true' || value === '1' || value === 1;
}

export function integerArg(args: SlackArgs, name: string): number | undefined {
  const raw = stringArg(args, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  return Number.isInteger(n) ? n : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
