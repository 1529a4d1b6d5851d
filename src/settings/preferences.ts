import type { Preferences } from '../messages/preferences';

export const DEFAULT_PREFERENCES: Preferences = {
  approvalTimeoutSeconds: 120,
  roots: [],
  auditLimit: 5000,
  // untrustedWindowMinutes: absent means 10 (see untrustedWindowMinutes in messages/preferences.ts).
};

export { untrustedWindowMinutes } from '../messages/preferences';

export const LIMITS = {
  approvalTimeoutSeconds: { min: 10, max: 3600 },
  auditLimit: { min: 100, max: 100_000 },
  untrustedWindowMinutes: { min: 0, max: 1440 },
  roots: 50,
} as const;
