// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FieldErrors, FormResult } from '../../../../platform/http/forms.ts'
import { passwordProblem } from '../../identity.ts'

export interface NewPasswordForm {
  newPassword: string
}

function rawPassword(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name]
  return typeof value === 'string' ? value.slice(0, 201) : ''
}

/** Validates a new password and its confirmation; shared by password change and invitation acceptance. */
export function parseNewPassword(body: unknown, email: string, errors: FieldErrors = {}): FormResult<NewPasswordForm> {
  const newPassword = rawPassword(body, 'newPassword')
  const confirmPassword = rawPassword(body, 'confirmPassword')
  const problem = newPassword ? passwordProblem(newPassword, email) : 'Enter a new password'
  if (problem) errors['newPassword'] = problem
  else if (confirmPassword !== newPassword) errors['confirmPassword'] = 'The passwords do not match'
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: { newPassword } }
}

export function parseChangePassword(
  body: unknown,
  email: string,
): FormResult<NewPasswordForm & { currentPassword: string }> {
  const currentPassword = rawPassword(body, 'currentPassword')
  const errors: FieldErrors = {}
  if (!currentPassword) errors['currentPassword'] = 'Enter your current password'
  const result = parseNewPassword(body, email, errors)
  return result.ok ? { ok: true, value: { ...result.value, currentPassword } } : result
}
