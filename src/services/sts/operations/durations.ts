// How long STS sessions last (STS API reference).
import type { Caller } from '../../../identity/caller.ts';
import { errors } from '../errors.ts';

/** GetSessionToken and GetFederationToken: 12 hours unless asked; root's sessions are cut to one hour. */
export function longTermDuration(caller: Caller, requested: number | undefined): number {
  const duration = requested ?? 43200;
  return caller.type === 'Root' ? Math.min(duration, 3600) : duration;
}

/** AssumeRole: one hour unless asked, up to the role's MaxSessionDuration, one hour when chaining roles. */
export function roleSessionDuration(caller: Caller, requested: number | undefined, maxSessionDuration: number): number {
  const duration = requested ?? 3600;
  if (caller.type === 'AssumedRole' && duration > 3600) {
    throw errors.validation('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  }
  if (duration > maxSessionDuration) throw errors.validation('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  return duration;
}
