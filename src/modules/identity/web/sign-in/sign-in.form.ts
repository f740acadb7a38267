// SPDX-License-Identifier: AGPL-3.0-or-later
import { textField, type FieldErrors, type FormResult } from '../../../../platform/http/forms.ts'

export interface SignInForm {
  email: string
  password: string
}

export function parseSignInForm(body: unknown): FormResult<SignInForm> & { values: { email: string } } {
  const email = textField(body, 'email', 254)
  // Passwords are taken exactly as typed: no trimming.
  const rawPassword = (body as Record<string, unknown> | undefined)?.['password']
  const password = typeof rawPassword === 'string' ? rawPassword.slice(0, 201) : ''
  const errors: FieldErrors = {}
  if (!email) errors['email'] = 'Enter your email address'
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254)
    errors['email'] = 'Enter an email address in the correct format, like name@example.nhs.uk'
  if (!password) errors['password'] = 'Enter your password'
  const values = { email }
  return Object.keys(errors).length > 0
    ? { ok: false, errors, values }
    : { ok: true, value: { email, password }, values }
}

/** Only same-site paths are followed after sign-in, never another host. */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string') return '/'
  return /^\/(?![/\\])[^\s]*$/.test(value) && value.length < 500 ? value : '/'
}
