/** What the doctor reports: one line per check, grouped by area, with a fix for what is wrong. */

export type DoctorArea = 'config' | 'slack' | 'genesys' | 'store';
export type DoctorStatus = 'pass' | 'fail' | 'warn' | 'skip';

export interface DoctorCheck {
  area: DoctorArea;
  name: string;
  status: DoctorStatus;
  /** what was found; never a token, secret, signed URL or email */
  detail: string;
  /** what to do about a failure or a warning */
  fix?: string;
}

/** Checks of one area, without the area (the caller knows it). */
export type AreaCheck = Omit<DoctorCheck, 'area'>;

export const pass = (name: string, detail: string): AreaCheck => ({ name, status: 'pass', detail });
export const fail = (name: string, detail: string, fix: string): AreaCheck => ({ name, status: 'fail', detail, fix });
export const warn = (name: string, detail: string, fix?: string): AreaCheck => ({ name, status: 'warn', detail, ...(fix ? { fix } : {}) });
export const skip = (name: string, detail: string): AreaCheck => ({ name, status: 'skip', detail });

/** An error's message, for a detail line. */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
