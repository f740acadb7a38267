// SPDX-License-Identifier: AGPL-3.0-or-later
// SNOMED CT UK concepts used in the message back (standards §3). Held as data: these rows are inserted into
// `concept_codes` at start-up if missing; a new refset is added as rows with later effective dates.
export const SNOMED_CT = 'http://snomed.info/sct'

export const CONCEPT_CODE_SEED = [
  {
    system: SNOMED_CT,
    code: '871731000000106',
    display: 'Referral to social prescribing service (procedure)',
    purpose: 'referral-accepted',
    effectiveFrom: '2019-10-01',
    effectiveTo: null,
  },
  {
    system: SNOMED_CT,
    code: '871711000000103',
    display: 'Social prescribing declined (situation)',
    purpose: 'referral-declined',
    effectiveFrom: '2019-10-01',
    effectiveTo: null,
  },
] as const
