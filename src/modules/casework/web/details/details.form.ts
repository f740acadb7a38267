// SPDX-License-Identifier: AGPL-3.0-or-later
import { textField, type FieldErrors, type FormResult } from '../../../../platform/http/forms.ts'
import { MAX_CONTACT_ALLOWANCE, PATHWAYS, type ComplexityLevel, type Pathway } from '../../casework.ts'
import type { EpisodeDetails } from '../../episode-changes.service.ts'

export interface DetailsFormValues {
  pathway: string
  complexity: string
  complexityReason: string
  contactAllowance: string
  version: string
}

export function readDetailsForm(body: unknown): DetailsFormValues {
  return {
    pathway: textField(body, 'pathway', 40),
    complexity: textField(body, 'complexity', 4),
    complexityReason: textField(body, 'complexityReason', 1000),
    contactAllowance: textField(body, 'contactAllowance', 6),
    version: textField(body, 'version', 12),
  }
}

export function parseDetailsForm(values: DetailsFormValues): FormResult<EpisodeDetails & { version: number }> {
  const errors: FieldErrors = {}
  if (!(PATHWAYS as readonly string[]).includes(values.pathway)) errors['pathway'] = 'Select a pathway'
  if (!['1', '2', '3'].includes(values.complexity)) errors['complexity'] = 'Select a complexity level'
  if (!values.complexityReason) errors['complexityReason'] = 'Enter why you chose this complexity level'
  else if (values.complexityReason.length > 1000)
    errors['complexityReason'] = 'The reason must be 1000 characters or fewer'
  const allowance = Number(values.contactAllowance)
  if (!values.contactAllowance) errors['contactAllowance'] = 'Enter the number of contacts allowed'
  else if (!/^\d{1,3}$/.test(values.contactAllowance) || allowance < 1 || allowance > MAX_CONTACT_ALLOWANCE)
    errors['contactAllowance'] = `Contacts allowed must be a whole number between 1 and ${MAX_CONTACT_ALLOWANCE}`
  const version = /^\d{1,9}$/.test(values.version) ? Number(values.version) : NaN
  if (Number.isNaN(version))
    errors['pathway'] = errors['pathway'] ?? 'This form has expired. Reload the page and try again'
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: {
      pathway: values.pathway as Pathway,
      complexity: Number(values.complexity) as ComplexityLevel,
      complexityReason: values.complexityReason,
      contactAllowance: allowance,
      version,
    },
  }
}
