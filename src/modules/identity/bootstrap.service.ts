// SPDX-License-Identifier: AGPL-3.0-or-later
// Setting Waymark up from the command line and the demo seed: areas, organisations and their first users, and the
// small reads the jobs and seeds need.
import { appendAuditEvent } from '../../platform/audit/audit.service.ts'
import type { Database, Queryable } from '../../platform/db/database.ts'
import { type OrgScope } from '../../platform/db/org-scope.ts'
import {
  isOrganisationType,
  isRole,
  normaliseEmail,
  type Organisation,
  type OrganisationType,
  type Role,
} from './identity.ts'
import { IdentityError } from './identity.errors.ts'
import * as repo from './identity.repository.ts'
import * as sessionsRepo from './sessions.repository.ts'
import { hashPassword, toOrganisation } from './identity.service.ts'

// ---- Bootstrap (CLI and seeding) ----

export async function findOrCreateArea(db: Database, name: string): Promise<{ id: string; name: string }> {
  return (await repo.findAreaByName(db, name)) ?? repo.insertArea(db, name)
}

export async function createOrganisation(
  db: Database,
  input: { areaName: string; name: string; type: OrganisationType; odsCode?: string | null },
): Promise<Organisation> {
  if (!isOrganisationType(input.type)) throw new IdentityError('IDENTITY_INVALID_INPUT', { field: 'type' })
  const odsCode = input.odsCode?.trim().toUpperCase() || null
  if (await repo.findOrganisationByNameOrOds(db, input.name, odsCode))
    throw new IdentityError('IDENTITY_ORGANISATION_EXISTS')
  const area = await findOrCreateArea(db, input.areaName)
  return toOrganisation(
    await repo.insertOrganisation(db, { areaId: area.id, name: input.name.trim(), type: input.type, odsCode }),
  )
}

/** Community providers with accounts in an area: a directory editor links each to the listings it runs. */
export async function listCommunityProviders(db: Database, areaId: string): Promise<{ id: string; name: string }[]> {
  return repo.listCommunityProviders(db, areaId)
}

/** One organisation by id, for a link that names it (ADR 0021); undefined when there is none. */
export async function findOrganisationById(db: Queryable, id: string): Promise<Organisation | undefined> {
  const row = await repo.findOrganisationById(db, id)
  return row && toOrganisation(row)
}

/** The organisations of an area, of one type when given (a commissioner's services), by name. */
export async function listOrganisationsInArea(
  db: Queryable,
  areaId: string,
  type?: OrganisationType,
): Promise<Organisation[]> {
  return (await repo.listOrganisationsInArea(db, areaId, type)).map(toOrganisation)
}

/** Organisations by id, in any area (naming referrers in a report). */
export async function listOrganisationsByIds(db: Queryable, ids: readonly string[]): Promise<Organisation[]> {
  return (await repo.listOrganisationsByIds(db, ids)).map(toOrganisation)
}

export async function listAllOrganisations(db: Database): Promise<Organisation[]> {
  return (await repo.listOrganisations(db)).map(toOrganisation)
}

/**
 * Creates a user with a password and a membership, or adds the membership to an existing user.
 * Used by the operator CLI to bootstrap a deployment and by the demo seed.
 */
export async function createUserWithMembership(
  db: Database,
  input: {
    email: string
    displayName: string
    jobTitle?: string | null
    password: string
    organisationId: string
    roles: Role[]
  },
): Promise<{ userId: string; created: boolean }> {
  if (input.roles.length === 0 || !input.roles.every(isRole)) throw new IdentityError('IDENTITY_INVALID_ROLE')
  const organisation = await repo.findOrganisationById(db, input.organisationId)
  if (!organisation) throw new IdentityError('IDENTITY_ORGANISATION_NOT_FOUND')
  const email = normaliseEmail(input.email)
  const passwordHash = await hashPassword(input.password)
  return db.transaction(async (tx) => {
    const existing = await repo.findUserByEmail(tx, email)
    const user =
      existing ??
      (await repo.insertUser(tx, {
        email,
        displayName: input.displayName,
        jobTitle: input.jobTitle ?? null,
        passwordHash,
      }))
    await repo.upsertMembership(tx, organisation.id, user.id, [...new Set(input.roles)])
    await appendAuditEvent(
      tx,
      { userId: null, organisationId: organisation.id, role: 'operator', ipAddress: null, correlationId: null },
      { action: existing ? 'add-membership' : 'create-user', recordType: 'membership', recordId: user.id },
    )
    return { userId: user.id, created: !existing }
  })
}

/** Names of staff for display beside their ids (e.g. in the audit log), in one query. */
export async function displayNamesFor(db: Database, userIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await repo.findDisplayNames(db, [...new Set(userIds)])
  return new Map(rows.map((row) => [row.id, row.displayName]))
}

/** The members of the active organisation, for pickers (e.g. the audit log's person filter). */
export async function listMemberChoices(scope: OrgScope): Promise<{ userId: string; displayName: string }[]> {
  const { rows } = await repo.listMembers(scope, { limit: 1000, offset: 0 })
  return rows.map((row) => ({ userId: row.userId, displayName: row.displayName }))
}

/** Removes sessions past their absolute expiry (a nightly job); idle ones are refused at lookup anyway. */
export async function deleteExpiredSessions(db: Database): Promise<number> {
  return sessionsRepo.deleteExpiredSessions(db, new Date())
}

export async function listAllAreas(db: Database): Promise<{ id: string; name: string }[]> {
  return repo.listAreas(db)
}
