// SPDX-License-Identifier: AGPL-3.0-or-later
// Check your answers for self-referral: every answer in the person's words, each with a link to its page.
import type { PersonFormValues } from '../../../people/index.ts'
import { isNeed, NEED_LABELS } from '../../referral.ts'
import { personSummaryRows, summaryRow, type SummaryRow } from '../shared/person-rows.ts'
import { SELF_REFERRAL_STEPS, type SelfReferralStep, type SelfReferralValues } from './self-referral.form.ts'

export interface CheckSection {
  heading: string
  rows: SummaryRow[]
}

const UPDATE_WORDS: Record<string, string> = { email: 'Yes, by email', text: 'Yes, by text message', no: 'No' }

function stepOf(slug: string): SelfReferralStep {
  return SELF_REFERRAL_STEPS.find((s) => s.slug === slug)!
}

function stepForPersonField(field: keyof PersonFormValues): SelfReferralStep {
  return SELF_REFERRAL_STEPS.find((s) => s.person?.includes(field)) ?? stepOf('name')
}

export function checkRows(
  values: SelfReferralValues,
  services: readonly { id: string; name: string }[],
  hrefFor: (step: SelfReferralStep) => string,
): CheckSection[] {
  const row = (key: string, value: string, slug: string, hidden: string) =>
    summaryRow(key, value, hrefFor(stepOf(slug)), hidden)
  const service = services.length > 1 ? services.find((s) => s.id === values.serviceId) : undefined
  const r = values.reasons
  return [
    {
      heading: 'About you',
      rows: [
        ...(service ? [row('Service', service.name, 'service', 'service')] : []),
        ...personSummaryRows(values.person, (field) => `${hrefFor(stepForPersonField(field))}#${field}`, {
          demographics: true,
        }),
      ],
    },
    {
      heading: 'What you would like help with',
      rows: [
        row(
          'Help with',
          r.needs
            .filter(isNeed)
            .map((n) => NEED_LABELS[n])
            .join(', '),
          'help',
          'what you would like help with',
        ),
        row('More about it', r.reasonText, 'help', 'more about it'),
        row('What matters most to you', r.whatMatters, 'what-matters', 'what matters most to you'),
      ],
    },
    {
      heading: 'Your agreement',
      rows: [
        row('Keep your details and contact you', values.consentShare === 'yes' ? 'Yes' : 'No', 'sharing', 'agreement'),
        row(
          'Share your details with groups we put you in touch with',
          values.consentShareProviders === 'yes' ? 'Yes' : 'No',
          'sharing',
          'sharing with groups',
        ),
        row('Tell you how your request is going', UPDATE_WORDS[values.updates] ?? '', 'updates', 'updates'),
      ],
    },
  ]
}
