// SPDX-License-Identifier: AGPL-3.0-or-later
import { asc, desc, eq, isNotNull } from 'drizzle-orm'
import type { Queryable } from '../../../platform/db/database.ts'
import type { AnyScope } from '../../../platform/db/org-scope.ts'
import { organisations } from '../../identity/index.ts'
import { people } from '../../people/index.ts'
import { fhirIdempotencyKeys } from './fhir.table.ts'
import { inArea, inTenant } from '../../../platform/db/tenant.ts'

export type IdempotencyRow = typeof fhirIdempotencyKeys.$inferSelect

/** The sending organisation's record of an Idempotency-Key (scoped to the client's organisation). */
export async function findIdempotencyKey(scope: AnyScope, key: string): Promise<IdempotencyRow | undefined> {
  const [row] = await scope.db
    .select()
    .from(fhirIdempotencyKeys)
    .where(inTenant(scope, fhirIdempotencyKeys, eq(fhirIdempotencyKeys.key, key)))
    .limit(1)
  return row
}

/** Records a key; when another request recorded it first, returns what that request stored. */
export async function insertIdempotencyKey(
  scope: AnyScope,
  values: { key: string; requestHash: string; referralId: string; receivingOrganisationId: string },
): Promise<IdempotencyRow> {
  const [inserted] = await scope.db
    .insert(fhirIdempotencyKeys)
    .values({ ...values, organisationId: scope.organisationId })
    .onConflictDoNothing()
    .returning()
  return inserted ?? (await findIdempotencyKey(scope, values.key))!
}

export interface OrganisationRef {
  id: string
  name: string
  type: string
  areaId: string
  odsCode: string | null
}

const organisationColumns = {
  id: organisations.id,
  name: organisations.name,
  type: organisations.type,
  areaId: organisations.areaId,
  odsCode: organisations.odsCode,
}

// Organisations are reference data (not tenant-scoped): a referral names its receiver by ODS code or id.
export async function findOrganisationByOds(db: Queryable, odsCode: string): Promise<OrganisationRef | undefined> {
  const [row] = await db
    .select(organisationColumns)
    .from(organisations)
    .where(eq(organisations.odsCode, odsCode))
    .limit(1)
  return row
}

export async function findOrganisationById(db: Queryable, id: string): Promise<OrganisationRef | undefined> {
  const [row] = await db.select(organisationColumns).from(organisations).where(eq(organisations.id, id)).limit(1)
  return row
}

/** The social prescribing services of an area (at most two looked at: the caller only needs to know if there is one). */
export async function listServicesOfArea(db: Queryable, areaId: string): Promise<OrganisationRef[]> {
  return db
    .select(organisationColumns)
    .from(organisations)
    .where(inArea({ areaId }, organisations, eq(organisations.type, 'social-prescribing-service')))
    .orderBy(asc(organisations.name))
    .limit(2)
}

/**
 * The service's person records holding an NHS number (a person referred twice has two records: people are
 * never merged silently). Served by people_nhs_number_idx.
 */
export async function findPersonIdsByNhsNumber(scope: AnyScope, nhsNumber: string, limit: number): Promise<string[]> {
  const rows = await scope.db
    .select({ id: people.id })
    .from(people)
    .where(inTenant(scope, people, isNotNull(people.nhsNumber), eq(people.nhsNumber, nhsNumber)))
    .orderBy(desc(people.createdAt))
    .limit(limit)
  return rows.map((row) => row.id)
}
