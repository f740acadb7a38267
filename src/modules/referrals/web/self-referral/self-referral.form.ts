// SPDX-License-Identifier: AGPL-3.0-or-later
import { textField, type FieldErrors } from '../../../../platform/http/forms.ts'
import {
  readPersonFormValues,
  validatePersonForm,
  type PersonDetails,
  type PersonFormValues,
} from '../../../people/index.ts'
import {
  readReasons,
  validateReasons,
  type Reasons,
  type ReasonsFormValues,
} from '../referral-form/referral-form.form.ts'

export interface SelfReferralValues {
  person: PersonFormValues
  reasons: ReasonsFormValues
  serviceId: string
  consentShare: string
  consentShareProviders: string
  token: string
  /** The honeypot: a field people never see or fill, which form-filling robots do. */
  website: string
}

export interface SelfReferral {
  person: PersonDetails
  reasons: Reasons
  serviceId: string
  shareWithProviders: boolean
}

export function readSelfReferral(body: unknown): SelfReferralValues {
  return {
    person: readPersonFormValues(body),
    reasons: readReasons(body),
    serviceId: textField(body, 'serviceId', 60),
    consentShare: textField(body, 'consentShare', 5),
    consentShareProviders: textField(body, 'consentShareProviders', 5),
    token: textField(body, 'token', 80),
    website: textField(body, 'website', 200),
  }
}

export function validateSelfReferral(
  values: SelfReferralValues,
  serviceIds: readonly string[],
  today: Date,
): { ok: true; value: SelfReferral } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {}
  if (serviceIds.length > 1 && !serviceIds.includes(values.serviceId))
    errors['serviceId'] = 'Select the social prescribing service for where you live'
  const person = validatePersonForm(values.person, today, 'your')
  if (!person.ok) Object.assign(errors, person.errors)
  if (!values.person.phone && !values.person.email && !errors['phone'])
    errors['phone'] = 'Enter a phone number or an email address so we can contact you'
  const reasons = validateReasons({ ...values.reasons, urgency: 'routine' }, 'your')
  if (!reasons.ok) Object.assign(errors, reasons.errors)
  if (values.consentShare !== 'yes')
    errors['consentShare'] =
      'Select yes to agree to us keeping your details and contacting you: we cannot help without it'
  if (!['yes', 'no'].includes(values.consentShareProviders))
    errors['consentShareProviders'] =
      'Select yes if we can share your details with groups and services we put you in touch with'
  if (Object.keys(errors).length > 0 || !person.ok || !reasons.ok) return { ok: false, errors }
  return {
    ok: true,
    value: {
      person: person.value,
      reasons: reasons.value,
      serviceId: serviceIds.length === 1 ? serviceIds[0]! : values.serviceId,
      shareWithProviders: values.consentShareProviders === 'yes',
    },
  }
}
