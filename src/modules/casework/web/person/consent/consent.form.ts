// SPDX-License-Identifier: AGPL-3.0-or-later
import { SUBMISSION_KEY, textField, type FieldErrors, type FormResult } from '../../../../../platform/http/forms.ts'
import { CONSENT_SCOPES, isConsentMethod, type ConsentMethod, type ConsentScope } from '../../../../people/index.ts'

export interface ConsentFormValues {
  submissionKey: string
  scope: string
  given: string
  method: string
}

export function readConsentForm(body: unknown): ConsentFormValues {
  return {
    submissionKey: textField(body, 'submissionKey', 64),
    scope: textField(body, 'scope', 40),
    given: textField(body, 'given', 4),
    method: textField(body, 'method', 40),
  }
}

export function parseConsentForm(
  values: ConsentFormValues,
): FormResult<{ scope: ConsentScope; given: boolean; method: ConsentMethod; submissionKey: string }> {
  const errors: FieldErrors = {}
  if (!(CONSENT_SCOPES as readonly string[]).includes(values.scope))
    errors['scope'] = 'Select what the decision is about'
  if (values.given !== 'yes' && values.given !== 'no') errors['given'] = 'Select whether they agreed'
  if (!isConsentMethod(values.method)) errors['method'] = 'Select how they gave their decision'
  // The key comes from the form page; without it a retry could record twice, so ask for a fresh form.
  if (!SUBMISSION_KEY.test(values.submissionKey))
    errors['scope'] ??= 'The form has expired. Check your answers and try again'
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: {
      scope: values.scope as ConsentScope,
      given: values.given === 'yes',
      method: values.method as ConsentMethod,
      submissionKey: values.submissionKey,
    },
  }
}
