// SPDX-License-Identifier: AGPL-3.0-or-later
// The lone-working questions asked for a home visit: when it is booked (before) or, if it was not booked with
// them, when it is recorded (after). One set of rules, worded for the moment it is asked.
import type { FieldErrors } from '../../platform/http/forms.ts'
import type { HomeVisitRiskCheck } from './casework.ts'

export interface RiskAnswers {
  someoneKnows: string
  knownRisks: string
  knownRisksDetails: string
  checkIn: string
}

const WORDS = {
  before: {
    someoneKnows: 'Select whether someone will know where you are',
    nobodyKnows: 'Someone must know where you are before a home visit. Arrange it, then book the visit',
    checkIn: 'Select whether a check-in is arranged',
  },
  after: {
    someoneKnows: 'Select whether someone knew where you were',
    nobodyKnows: 'Someone must know where you are before a home visit. Tell your team, then record the visit',
    checkIn: 'Select whether a check-in was arranged',
  },
} as const

/**
 * Checks the answers, adding a message per problem to `errors`; returns them as the check (all but the finish
 * time, which the caller knows) only when all are good.
 */
export function parseRiskAnswers(
  values: RiskAnswers,
  moment: keyof typeof WORDS,
  errors: FieldErrors,
): Omit<HomeVisitRiskCheck, 'expectedFinishTime'> | null {
  const words = WORDS[moment]
  const before = Object.keys(errors).length
  if (!values.someoneKnows) errors['someoneKnows'] = words.someoneKnows
  else if (values.someoneKnows !== 'yes') errors['someoneKnows'] = words.nobodyKnows
  if (!['yes', 'no'].includes(values.knownRisks))
    errors['knownRisks'] = 'Select whether there are known risks at the address'
  else if (values.knownRisks === 'yes' && !values.knownRisksDetails)
    errors['knownRisksDetails'] = 'Enter the known risks at the address'
  if (!['yes', 'no'].includes(values.checkIn)) errors['checkIn'] = words.checkIn
  if (Object.keys(errors).length > before) return null
  return {
    someoneKnowsWhereYouAre: true,
    knownRisksAtAddress: values.knownRisks === 'yes',
    knownRisksDetails: values.knownRisks === 'yes' ? values.knownRisksDetails : '',
    checkInArranged: values.checkIn === 'yes',
  }
}
