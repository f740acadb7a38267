// SPDX-License-Identifier: AGPL-3.0-or-later
import { listField, textField, type FieldErrors } from '../../../../platform/http/forms.ts'
import { isConsentMethod, type ConsentMethod } from '../../../people/index.ts'
import {
  ALLIED_HEALTH_PROFESSIONS,
  isNeed,
  isProfession,
  URGENCIES,
  type Intensity,
  type Need,
  type Profession,
  type ReferralRisks,
  type Urgency,
} from '../../referral.ts'

const TEXT_MAX = 4000

export interface ReasonsFormValues {
  needs: string[]
  reasonText: string
  whatMatters: string
  loneWorking: string
  loneWorkingDetails: string
  safeguarding: string
  safeguardingDetails: string
  urgency: string
}

export interface Reasons {
  needs: Need[]
  reasonText: string
  whatMatters: string
  risks: ReferralRisks
  urgency: Urgency
}

export function emptyReasons(): ReasonsFormValues {
  return {
    needs: [],
    reasonText: '',
    whatMatters: '',
    loneWorking: '',
    loneWorkingDetails: '',
    safeguarding: '',
    safeguardingDetails: '',
    urgency: '',
  }
}

export function readReasons(body: unknown): ReasonsFormValues {
  return {
    needs: listField(body, 'needs').slice(0, 20),
    reasonText: textField(body, 'reasonText', TEXT_MAX),
    whatMatters: textField(body, 'whatMatters', TEXT_MAX),
    loneWorking: textField(body, 'loneWorking', 5),
    loneWorkingDetails: textField(body, 'loneWorkingDetails', TEXT_MAX),
    safeguarding: textField(body, 'safeguarding', 5),
    safeguardingDetails: textField(body, 'safeguardingDetails', TEXT_MAX),
    urgency: textField(body, 'urgency', 10),
  }
}

function long(errors: FieldErrors, field: string, value: string, label: string): void {
  if (value.length > TEXT_MAX) errors[field] = `${label} must be ${TEXT_MAX} characters or fewer`
}

export function validateReasons(
  values: ReasonsFormValues,
  voice: 'their' | 'your' = 'their',
): { ok: true; value: Reasons } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const needs = [...new Set(values.needs)]
  if (needs.length === 0)
    errors['needs'] =
      voice === 'your' ? 'Select what you would like help with' : 'Select at least one reason for the referral'
  else if (!needs.every(isNeed)) errors['needs'] = 'Select reasons from the list'
  if (needs.includes('other') && !values.reasonText)
    errors['reasonText'] =
      voice === 'your' ? 'Tell us what else you would like help with' : 'Describe the other reason for the referral'
  long(errors, 'reasonText', values.reasonText, 'More about the reasons')
  long(errors, 'whatMatters', values.whatMatters, 'What matters')
  if (voice === 'their') {
    if (!['yes', 'no'].includes(values.loneWorking))
      errors['loneWorking'] = 'Select yes if there are any concerns about visiting them alone'
    else if (values.loneWorking === 'yes' && !values.loneWorkingDetails)
      errors['loneWorkingDetails'] = 'Describe the concerns about visiting them alone'
    if (!['yes', 'no'].includes(values.safeguarding))
      errors['safeguarding'] = 'Select yes if a safeguarding concern has been raised elsewhere'
    else if (values.safeguarding === 'yes' && !values.safeguardingDetails)
      errors['safeguardingDetails'] = 'Say where the safeguarding concern was raised and who is dealing with it'
    if (!(URGENCIES as readonly string[]).includes(values.urgency))
      errors['urgency'] = 'Select how urgent the referral is'
  }
  long(errors, 'loneWorkingDetails', values.loneWorkingDetails, 'Lone-working details')
  long(errors, 'safeguardingDetails', values.safeguardingDetails, 'Safeguarding details')
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: {
      needs: needs.filter(isNeed),
      reasonText: values.reasonText,
      whatMatters: values.whatMatters,
      risks: {
        loneWorking: values.loneWorking === 'yes',
        loneWorkingDetails: values.loneWorking === 'yes' ? values.loneWorkingDetails : '',
        safeguardingRaisedElsewhere: values.safeguarding === 'yes',
        safeguardingDetails: values.safeguarding === 'yes' ? values.safeguardingDetails : '',
      },
      urgency: values.urgency === 'urgent' ? 'urgent' : 'routine',
    },
  }
}

export interface ServiceFormValues {
  receivingOrganisationId: string
  profession: string
  consentToReferral: string
  consentShareService: string
  consentShareProviders: string
  consentMethod: string
}

export interface ServiceChoice {
  receivingOrganisationId: string
  intensity: Intensity
  profession: Profession
  consent: { toReferral: boolean; shareWithService: boolean; shareWithProviders: boolean; method: ConsentMethod }
}

/** The value of the "receiving service" radio meaning "I will do the social prescribing myself". */
export const SELF_OPTION = 'self'

export function emptyService(): ServiceFormValues {
  return {
    receivingOrganisationId: '',
    profession: '',
    consentToReferral: '',
    consentShareService: '',
    consentShareProviders: '',
    consentMethod: '',
  }
}

export function readService(body: unknown): ServiceFormValues {
  return {
    receivingOrganisationId: textField(body, 'receivingOrganisationId', 60),
    profession: textField(body, 'profession', 60),
    consentToReferral: textField(body, 'consentToReferral', 5),
    consentShareService: textField(body, 'consentShareService', 5),
    consentShareProviders: textField(body, 'consentShareProviders', 5),
    consentMethod: textField(body, 'consentMethod', 30),
  }
}

export function validateService(
  values: ServiceFormValues,
  context: { serviceIds: readonly string[]; ownOrganisationId: string; mayDoItThemselves: boolean },
): { ok: true; value: ServiceChoice } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {}
  const self = values.receivingOrganisationId === SELF_OPTION
  if (!values.profession) errors['profession'] = 'Select your profession'
  else if (!isProfession(values.profession)) errors['profession'] = 'Select a profession from the list'
  if (!values.receivingOrganisationId) errors['receivingOrganisationId'] = 'Select who will do the social prescribing'
  else if (self) {
    if (!context.mayDoItThemselves)
      errors['receivingOrganisationId'] =
        'Select a social prescribing service: you do not have a caseload in this organisation'
    else if (isProfession(values.profession) && !ALLIED_HEALTH_PROFESSIONS.includes(values.profession))
      errors['receivingOrganisationId'] =
        'Only allied health professionals can do the social prescribing themselves: select a social prescribing service'
  } else if (!context.serviceIds.includes(values.receivingOrganisationId))
    errors['receivingOrganisationId'] = 'Select a social prescribing service from the list'
  if (values.consentToReferral !== 'yes')
    errors['consentToReferral'] =
      values.consentToReferral === 'no'
        ? 'The person must agree to the referral before you make it'
        : 'Select yes if the person agrees to the referral'
  if (values.consentShareService !== 'yes')
    errors['consentShareService'] =
      values.consentShareService === 'no'
        ? 'The service cannot help without the person agreeing to share these details with it'
        : 'Select yes if the person agrees to share these details with the service'
  if (!['yes', 'no'].includes(values.consentShareProviders))
    errors['consentShareProviders'] = 'Select yes if the person agrees to share information with community providers'
  if (!isConsentMethod(values.consentMethod) || values.consentMethod === 'online-form')
    errors['consentMethod'] = 'Select how the person gave their consent'
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: {
      receivingOrganisationId: self ? context.ownOrganisationId : values.receivingOrganisationId,
      intensity: self ? 'self' : 'link-worker',
      profession: values.profession as Profession,
      consent: {
        toReferral: true,
        shareWithService: true,
        shareWithProviders: values.consentShareProviders === 'yes',
        method: values.consentMethod as ConsentMethod,
      },
    },
  }
}
