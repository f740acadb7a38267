// SPDX-License-Identifier: AGPL-3.0-or-later
import { listField, textField, type FieldErrors, type FormResult } from '../../../../platform/http/forms.ts'
import { isRole, type Role } from '../../identity.ts'

export interface InviteMemberForm {
  displayName: string
  email: string
  roles: Role[]
}

export function parseRoles(body: unknown): { roles: Role[]; error?: string } {
  const values = listField(body, 'roles')
  const roles = [...new Set(values.filter(isRole))]
  if (roles.length === 0) return { roles, error: 'Select at least one role' }
  if (!values.every(isRole)) return { roles, error: 'Select roles from the list' }
  return { roles }
}

export function parseInviteMember(
  body: unknown,
): FormResult<InviteMemberForm> & { values: { displayName: string; email: string; roles: string[] } } {
  const displayName = textField(body, 'displayName', 120)
  const email = textField(body, 'email', 254)
  const { roles, error: rolesError } = parseRoles(body)
  const errors: FieldErrors = {}
  if (!displayName) errors['displayName'] = 'Enter their full name'
  else if (displayName.length > 120) errors['displayName'] = 'Full name must be 120 characters or fewer'
  if (!email) errors['email'] = 'Enter their email address'
  else if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(email) || email.length > 254)
    errors['email'] = 'Enter an email address in the correct format, like name@example.nhs.uk'
  if (rolesError) errors['roles'] = rolesError
  const values = { displayName, email, roles }
  return Object.keys(errors).length > 0
    ? { ok: false, errors, values }
    : { ok: true, value: { displayName, email, roles }, values }
}
