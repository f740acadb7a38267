// SPDX-License-Identifier: AGPL-3.0-or-later
// Self-referral as one question a page (GOV.UK pattern): which answers each page asks for, how a page's answers
// are read into the draft, and which of the whole form's errors belong to that page.
import { textField, type FieldErrors } from '../../../../platform/http/forms.ts'
import {
  emptyPersonFormValues,
  readPersonFormValues,
  validatePersonForm,
  type PersonDetails,
  type PersonFormValues,
} from '../../../people/index.ts'
import { ukMobileOf } from '../../../../shared/uk-mobile.ts'
import { isPersonUpdates, type PersonUpdates } from '../../referral.ts'
import {
  emptyReasons,
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
  /** 'email', 'text' or 'no'. */
  updates: string
}

export interface SelfReferral {
  person: PersonDetails
  reasons: Reasons
  serviceId: string
  shareWithProviders: boolean
  updates: PersonUpdates | undefined
}

export function emptySelfReferral(): SelfReferralValues {
  return {
    person: emptyPersonFormValues(),
    reasons: emptyReasons(),
    serviceId: '',
    consentShare: '',
    consentShareProviders: '',
    updates: '',
  }
}

type PersonField = keyof PersonFormValues
type ReasonsField = 'needs' | 'reasonText' | 'whatMatters'
type OwnField = 'serviceId' | 'consentShare' | 'consentShareProviders' | 'updates'

export interface SelfReferralStep {
  slug: string
  /** The question, which is also the page's heading. */
  title: string
  person?: readonly PersonField[]
  reasons?: readonly ReasonsField[]
  own?: readonly OwnField[]
  /** Error keys shown on this page (defaults to its fields). */
  errorKeys?: readonly string[]
}

export const SELF_REFERRAL_STEPS: readonly SelfReferralStep[] = [
  { slug: 'service', title: 'Which service covers where you live?', own: ['serviceId'] },
  { slug: 'name', title: 'What is your name?', person: ['givenName', 'familyName'] },
  {
    slug: 'date-of-birth',
    title: 'What is your date of birth?',
    person: ['dobDay', 'dobMonth', 'dobYear'],
    errorKeys: ['dateOfBirth'],
  },
  { slug: 'nhs-number', title: 'Do you know your NHS number?', person: ['nhsNumber'] },
  { slug: 'address', title: 'What is your address?', person: ['addressLine1', 'addressLine2', 'town', 'postcode'] },
  { slug: 'gp-practice', title: 'Which GP practice are you registered with?', person: ['gpPractice'] },
  {
    slug: 'contact',
    title: 'How can we contact you?',
    person: ['phone', 'email', 'contactThrough', 'contactThroughDetails'],
  },
  {
    slug: 'contact-preferences',
    title: 'How would you like us to contact you?',
    person: ['preferredContactMethod', 'preferredContactTimes', 'contactMethodsToAvoid'],
  },
  {
    slug: 'language-and-access',
    title: 'Is there anything that would make it easier for us to help you?',
    person: ['language', 'interpreterNeeded', 'accessNeeds', 'othersToInvolve'],
  },
  { slug: 'about-you', title: 'About you', person: ['sex', 'ethnicity'] },
  { slug: 'help', title: 'What would you like help with?', reasons: ['needs', 'reasonText'] },
  { slug: 'what-matters', title: 'What matters most to you right now?', reasons: ['whatMatters'] },
  { slug: 'sharing', title: 'Sharing your details', own: ['consentShare', 'consentShareProviders'] },
  { slug: 'updates', title: 'Can we tell you how your request is going?', own: ['updates'] },
]

export function stepBySlug(slug: string): SelfReferralStep | undefined {
  return SELF_REFERRAL_STEPS.find((s) => s.slug === slug)
}

/** The pages this person sees: the service question only where there is more than one service to choose. */
export function stepsFor(serviceCount: number): SelfReferralStep[] {
  return SELF_REFERRAL_STEPS.filter((s) => s.slug !== 'service' || serviceCount > 1)
}

/** The draft with this page's answers from the submitted form; every other answer is kept as it was. */
export function withStepAnswers(values: SelfReferralValues, step: SelfReferralStep, body: unknown): SelfReferralValues {
  const person = { ...values.person }
  const readPerson = readPersonFormValues(body)
  for (const field of step.person ?? []) Object.assign(person, { [field]: readPerson[field] })
  const reasons = { ...values.reasons }
  const readReason = readReasons(body)
  for (const field of step.reasons ?? []) Object.assign(reasons, { [field]: readReason[field] })
  const own: Partial<Record<OwnField, string>> = {}
  for (const field of step.own ?? []) own[field] = textField(body, field, 60)
  return { ...values, ...own, person, reasons }
}

function errorKeysOf(step: SelfReferralStep): readonly string[] {
  return step.errorKeys ?? [...(step.person ?? []), ...(step.reasons ?? []), ...(step.own ?? [])]
}

/** The whole form's errors that belong on this page. */
export function stepErrors(
  values: SelfReferralValues,
  step: SelfReferralStep,
  serviceIds: readonly string[],
  today: Date,
): FieldErrors {
  const all = allErrors(values, serviceIds, today)
  const errors: FieldErrors = {}
  for (const key of errorKeysOf(step)) if (all[key]) errors[key] = all[key]
  // On the preferences page, a missing phone number or email can only come from the way just chosen.
  if (step.slug === 'contact-preferences' && !errors['preferredContactMethod'] && (all['phone'] || all['email']))
    errors['preferredContactMethod'] = all['phone']
      ? 'You chose a phone call, but did not give a phone number: choose another way, or go back and add one'
      : 'You chose email, but did not give an email address: choose another way, or go back and add one'
  return errors
}

/** The first page with a missing or invalid answer, or undefined when the form is ready to send. */
export function firstIncompleteStep(
  values: SelfReferralValues,
  answered: readonly string[],
  serviceIds: readonly string[],
  today: Date,
): SelfReferralStep | undefined {
  return stepsFor(serviceIds.length).find(
    (step) => !answered.includes(step.slug) || Object.keys(stepErrors(values, step, serviceIds, today)).length > 0,
  )
}

function allErrors(values: SelfReferralValues, serviceIds: readonly string[], today: Date): FieldErrors {
  const errors: FieldErrors = {}
  if (serviceIds.length > 1 && !serviceIds.includes(values.serviceId))
    errors['serviceId'] = 'Select the social prescribing service for where you live'
  const person = validatePersonForm(values.person, today, 'your')
  if (!person.ok) Object.assign(errors, person.errors)
  const reasons = validateReasons({ ...values.reasons, urgency: 'routine' }, 'your')
  if (!reasons.ok) Object.assign(errors, reasons.errors)
  if (values.consentShare !== 'yes')
    errors['consentShare'] =
      'Select yes to agree to us keeping your details and contacting you: we cannot help without it'
  if (!['yes', 'no'].includes(values.consentShareProviders))
    errors['consentShareProviders'] =
      'Select yes if we can share your details with groups and services we put you in touch with'
  const updatesError = checkUpdates(values)
  if (updatesError) errors['updates'] = updatesError
  return errors
}

function checkUpdates(values: SelfReferralValues): string | undefined {
  const avoid = values.person.contactMethodsToAvoid
  if (values.updates === 'no') return undefined
  if (values.updates === 'email') {
    if (avoid.includes('email')) return 'You asked us not to email you: choose another way, or no'
    if (!values.person.email) return 'You did not give an email address: choose text message or no'
    return undefined
  }
  if (values.updates === 'text') {
    if (avoid.includes('text')) return 'You asked us not to text you: choose another way, or no'
    if (!ukMobileOf(values.person.phone)) return 'You did not give a UK mobile number: choose email or no'
    return undefined
  }
  return 'Select how you would like to hear how your request is going, or no'
}

/** The whole self-referral, checked; the page to return to when an answer is missing. */
export function validateSelfReferral(
  values: SelfReferralValues,
  serviceIds: readonly string[],
  today: Date,
): { ok: true; value: SelfReferral } | { ok: false; errors: FieldErrors } {
  const errors = allErrors(values, serviceIds, today)
  const person = validatePersonForm(values.person, today, 'your')
  const reasons = validateReasons({ ...values.reasons, urgency: 'routine' }, 'your')
  if (Object.keys(errors).length > 0 || !person.ok || !reasons.ok) return { ok: false, errors }
  return {
    ok: true,
    value: {
      person: person.value,
      reasons: reasons.value,
      serviceId: serviceIds.length === 1 ? serviceIds[0]! : values.serviceId,
      shareWithProviders: values.consentShareProviders === 'yes',
      updates: isPersonUpdates(values.updates) ? values.updates : undefined,
    },
  }
}
