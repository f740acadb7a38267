// SPDX-License-Identifier: AGPL-3.0-or-later
// Plain casework values for unit tests (no database): an episode and a caseload entry, each with sensible
// defaults that a test overrides only where its point lies.
import type { CaseloadEntry, Episode } from '../../src/modules/casework/casework.ts'

/** An open short-term episode, opened 1 March 2026, review due 12 April, no contact yet. */
export function episode(overrides: Partial<Episode> = {}): Episode {
  return {
    id: 'e',
    referralId: 'r',
    personId: 'p',
    linkWorkerUserId: 'u',
    pathway: 'short-term',
    complexity: null,
    complexityReason: '',
    contactAllowance: 12,
    contactsUsed: 0,
    openedOn: '2026-03-01',
    firstContactOn: null,
    lastContactOn: null,
    nextContactOn: null,
    nextReviewOn: '2026-04-12',
    pausedOn: null,
    pauseReason: null,
    pauseReasonText: '',
    pausedDays: 0,
    loneWorkingRisk: false,
    safeguardingRisk: false,
    followUpOn: null,
    closedOn: null,
    planAgreedOn: null,
    version: 1,
    ...overrides,
  }
}

/** A caseload row for `name`, in progress with no episode opened yet. */
export function caseloadEntry(name: string, overrides: Partial<CaseloadEntry> = {}): CaseloadEntry {
  return {
    referralId: name,
    reference: 'WM-AAAA-BBBB',
    personName: name,
    status: 'in-progress',
    allocatedAt: new Date('2026-03-01T09:00:00Z'),
    contactTargetDate: '2026-03-20',
    loneWorking: false,
    safeguarding: false,
    urgent: false,
    episode: null,
    ...overrides,
  }
}
