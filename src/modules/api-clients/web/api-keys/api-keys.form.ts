// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FieldErrors } from '../../../../platform/http/forms.ts'
import { textField } from '../../../../platform/http/forms.ts'
import { MAX_CLIENT_NAME_LENGTH } from '../../api-clients.ts'

export interface CreateApiKeyValues {
  name: string
  submissionKey: string
}

export type CreateApiKeyResult =
  | { ok: true; value: CreateApiKeyValues }
  | { ok: false; values: CreateApiKeyValues; errors: FieldErrors }

const SUBMISSION_KEY = /^[0-9a-f-]{36}$/

export function parseCreateApiKey(body: unknown): CreateApiKeyResult {
  const values = {
    name: textField(body, 'name', MAX_CLIENT_NAME_LENGTH),
    submissionKey: textField(body, 'submissionKey', 36),
  }
  const errors: FieldErrors = {}
  if (values.name === '') errors['name'] = 'Enter a name for the API key'
  else if (values.name.length > MAX_CLIENT_NAME_LENGTH)
    errors['name'] = `Name must be ${MAX_CLIENT_NAME_LENGTH} characters or fewer`
  if (!SUBMISSION_KEY.test(values.submissionKey)) values.submissionKey = ''
  if (Object.keys(errors).length > 0) return { ok: false, values, errors }
  return { ok: true, value: values }
}
