// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Role } from '../../platform/auth/roles.ts'
import { guessable } from './password-strength.ts'

export { ROLES, isRole, type Role } from '../../platform/auth/roles.ts'

export const ROLE_LABELS: Record<Role, string> = {
  referrer: 'Referrer',
  'link-worker': 'Link worker',
  supervisor: 'Supervisor',
  provider: 'Community provider',
  commissioner: 'Commissioner',
  'directory-editor': 'Directory editor',
  administrator: 'Administrator',
}

export const ORGANISATION_TYPES = [
  'gp-practice',
  'primary-care-network',
  'council',
  'vcse',
  'hospital-trust',
  'ambulance-service',
  'pharmacy',
  'social-prescribing-service',
  'commissioner',
] as const
export type OrganisationType = (typeof ORGANISATION_TYPES)[number]

export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
  'gp-practice': 'GP practice',
  'primary-care-network': 'Primary care network',
  council: 'Council',
  vcse: 'Voluntary, community or social enterprise organisation',
  'hospital-trust': 'Hospital trust',
  'ambulance-service': 'Ambulance service',
  pharmacy: 'Pharmacy',
  'social-prescribing-service': 'Social prescribing service',
  commissioner: 'Commissioner',
}

export function isOrganisationType(value: string): value is OrganisationType {
  return (ORGANISATION_TYPES as readonly string[]).includes(value)
}

export interface Organisation {
  id: string
  name: string
  type: OrganisationType
  odsCode: string | null
  areaId: string
}

export interface User {
  id: string
  email: string
  displayName: string
  jobTitle: string | null
  disabled: boolean
}

export interface Membership {
  organisation: Organisation
  roles: Role[]
}

/** Account lock-out: this many failed sign-ins in a row locks the account for LOCKOUT_MINUTES. */
export const MAX_FAILED_SIGN_INS = 5
export const LOCKOUT_MINUTES = 15
export const SESSION_IDLE_MINUTES = 60
export const SESSION_ABSOLUTE_HOURS = 12
export const INVITATION_DAYS = 7
export const MIN_PASSWORD_LENGTH = 12

/** Normalises an email address for storage and lookup. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

/** Why a proposed password is unacceptable, or undefined when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `Enter a password of at least ${MIN_PASSWORD_LENGTH} characters`
  if (password.length > 200) return 'Enter a password of 200 characters or fewer'
  if (email && password.toLowerCase().includes(normaliseEmail(email).split('@')[0] ?? '\u0000'))
    return 'Your password must not contain your email address'
  if (/^(.)\1+$/.test(password)) return 'Your password must not be one character repeated'
  const local = email ? (normaliseEmail(email).split('@')[0] ?? '') : ''
  switch (guessable(password, local ? [local, ...local.split(/[._-]/)] : [])) {
    case 'breached':
      return 'This password is one of those most often leaked in data breaches, or too like one. Choose another: three random words work well'
    case 'easy-to-guess':
      return 'This password is too easy to guess. Choose another: three random words work well'
    case undefined:
      return undefined
  }
}
