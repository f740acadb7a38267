// SPDX-License-Identifier: AGPL-3.0-or-later
// The person's details as check-your-answers rows, shared by the referral form and self-referral.
import { describePostcode } from '../../../../shared/postcode.ts'
import {
  CONTACT_METHOD_LABELS,
  CONTACT_THROUGH_LABELS,
  ETHNIC_CATEGORY_LABELS,
  SEX_LABELS,
  fullName,
  isEthnicCategory,
  isSex,
  isContactThrough,
  type PersonFormValues,
} from '../../../people/index.ts'

export interface SummaryRow {
  key: { text: string }
  value: { text: string }
  actions: { items: { href: string; text: string; visuallyHiddenText: string }[] }
}

export function summaryRow(key: string, value: string, href: string, visuallyHidden: string): SummaryRow {
  return {
    key: { text: key },
    value: { text: value || 'Not given' },
    actions: { items: [{ href, text: 'Change', visuallyHiddenText: visuallyHidden }] },
  }
}

function methods(values: readonly string[]): string {
  return values.map((v) => CONTACT_METHOD_LABELS[v as keyof typeof CONTACT_METHOD_LABELS] ?? v).join(', ')
}

/**
 * `change(field)` is where the Change link for that field goes. `demographics`: whether the form asked sex and
 * ethnic group (the referral form does; self-referral leaves them to the first conversation).
 */
export function personSummaryRows(
  p: PersonFormValues,
  change: (field: keyof PersonFormValues) => string,
  { demographics }: { demographics: boolean },
): SummaryRow[] {
  const row = summaryRow
  const demographicRows = [
    row('Sex', isSex(p.sex) ? SEX_LABELS[p.sex] : 'Not asked', change('sex'), 'sex'),
    row(
      'Ethnic group',
      isEthnicCategory(p.ethnicity) ? ETHNIC_CATEGORY_LABELS[p.ethnicity] : 'Not asked',
      change('ethnicity'),
      'ethnic group',
    ),
  ]
  return [
    row('Name', fullName(p), change('givenName'), 'name'),
    row('Date of birth', `${p.dobDay}/${p.dobMonth}/${p.dobYear}`, change('dobDay'), 'date of birth'),
    row('NHS number', p.nhsNumber, change('nhsNumber'), 'NHS number'),
    row(
      'Address',
      [p.addressLine1, p.addressLine2, p.town, describePostcode(p.postcode.toUpperCase())].filter(Boolean).join(', '),
      change('addressLine1'),
      'address',
    ),
    row('GP practice', p.gpPractice || 'Not given', change('gpPractice'), 'GP practice'),
    ...(demographics ? demographicRows : []),
    row('Phone', p.phone, change('phone'), 'phone'),
    row('Email', p.email, change('email'), 'email'),
    row(
      'Contact through',
      isContactThrough(p.contactThrough)
        ? `${CONTACT_THROUGH_LABELS[p.contactThrough]}: ${p.contactThroughDetails}`
        : 'No one',
      change('contactThrough'),
      'who to contact them through',
    ),
    row(
      'Preferred contact',
      [methods(p.preferredContactMethod ? [p.preferredContactMethod] : []), p.preferredContactTimes]
        .filter(Boolean)
        .join(' – '),
      change('preferredContactMethod'),
      'preferred contact',
    ),
    row('Do not contact by', methods(p.contactMethodsToAvoid), change('contactMethodsToAvoid'), 'ways not to contact'),
    row(
      'Language',
      [p.language, p.interpreterNeeded === 'yes' ? 'needs an interpreter' : ''].filter(Boolean).join(', '),
      change('language'),
      'language',
    ),
    row('Access needs', p.accessNeeds, change('accessNeeds'), 'access needs'),
    row('Others to involve', p.othersToInvolve, change('othersToInvolve'), 'others to involve'),
  ]
}
