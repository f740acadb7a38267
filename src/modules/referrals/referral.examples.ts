// SPDX-License-Identifier: AGPL-3.0-or-later
import { randomUUID } from 'node:crypto'
import type { ReferralSubmission } from './referral.ts'

/** A complete, valid submission for tests and examples; override what the test is about. */
export function exampleSubmission(
  receivingOrganisationId: string,
  overrides: Partial<ReferralSubmission> = {},
): ReferralSubmission {
  return {
    submissionKey: randomUUID(),
    receivingOrganisationId,
    source: 'api',
    intensity: 'link-worker',
    referrer: {
      userId: null,
      organisationId: null,
      name: 'Dr Ruth Campbell',
      profession: 'gp',
      email: null,
      phone: null,
    },
    person: {
      givenName: 'Margaret',
      familyName: 'Thomson',
      dateOfBirth: '1948-03-27',
      nhsNumber: '9434765919',
      addressLine1: '12 Rosemount Place',
      addressLine2: '',
      town: 'Aberdeen',
      postcode: 'AB25 2XN',
      phone: '01632 960001',
      email: '',
      preferredContactMethod: 'phone',
      preferredContactTimes: 'Mornings',
      contactMethodsToAvoid: [],
      language: 'English',
      interpreterNeeded: false,
      accessNeeds: '',
      othersToInvolve: '',
    },
    needs: ['loneliness', 'bereavement'],
    reasonText: 'Widowed last year, COPD, rarely leaves the house.',
    whatMatters: 'I would like some company a couple of times a week.',
    risks: { loneWorking: false, loneWorkingDetails: '', safeguardingRaisedElsewhere: false, safeguardingDetails: '' },
    urgency: 'routine',
    consent: {
      toReferral: true,
      shareWithService: true,
      shareWithProviders: true,
      method: 'verbal',
      recordedByUserId: null,
      recordedByName: 'Dr Ruth Campbell',
      recordedAt: new Date(),
    },
    ...overrides,
  }
}
