// SPDX-License-Identifier: AGPL-3.0-or-later
import { listField, textField, type FieldErrors } from '../../../../platform/http/forms.ts'
import { NEED_CODES } from '../../taxonomies.ts'
import { isOneOf } from '../../directory.ts'
import { isUuid } from '../../../../shared/uuid.ts'

export const MAX_SERVICES_ON_SHEET = 10

export interface SignpostValues {
  services: string[]
  personLabel: string
  needs: string[]
  note: string
  email: string
  idempotencyKey: string
}

export function readServiceIds(source: unknown): string[] {
  return [...new Set(listField(source, 'service').filter((id) => isUuid(id)))].slice(0, MAX_SERVICES_ON_SHEET)
}

export function parseSignpost(body: unknown): { ok: boolean; values: SignpostValues; errors: FieldErrors } {
  const values: SignpostValues = {
    services: readServiceIds(body),
    personLabel: textField(body, 'personLabel', 40),
    needs: listField(body, 'needs'),
    note: textField(body, 'note', 500),
    email: textField(body, 'email', 254),
    idempotencyKey: textField(body, 'idempotencyKey', 64),
  }
  const errors: FieldErrors = {}
  if (values.services.length === 0) errors['services'] = 'Select at least one service for the sheet'
  if (values.personLabel.length > 40) errors['personLabel'] = 'Initials or reference must be 40 characters or fewer'
  if (values.needs.length === 0) errors['needs'] = 'Select why you are signposting them'
  else if (!values.needs.every((n) => isOneOf(NEED_CODES, n))) errors['needs'] = 'Select reasons from the list'
  if (values.note.length > 500) errors['note'] = 'Note must be 500 characters or fewer'
  if (values.email && (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(values.email) || values.email.length > 254))
    errors['email'] = 'Enter an email address in the correct format, like name@example.com'
  if (!/^[A-Za-z0-9-]{16,64}$/.test(values.idempotencyKey)) errors['services'] = 'Start again from the directory search'
  return { ok: Object.keys(errors).length === 0, values, errors }
}
