// SPDX-License-Identifier: AGPL-3.0-or-later
// Measures as the FHIR API reads them: one, or a page of a search, each with its person's NHS number and name.
import { and, desc, eq, gt, lte, sql, type SQL } from 'drizzle-orm'
import type { AnyScope } from '../../../platform/db/org-scope.ts'
import { anyOf, inTenant } from '../../../platform/db/tenant.ts'
import { people } from '../../people/index.ts'
import { toMeasure, type MeasureRow } from '../outcomes.repository.ts'
import { measures } from '../outcomes.table.ts'
import type { FhirMeasure } from './outcomes-fhir.ts'

export interface MeasureSearch {
  measureId?: string
  personIds?: readonly string[]
  referralId?: string
  instrumentKey?: string
  instrumentVersion?: number
  createdAfter?: Date
  createdBefore?: Date
}

const columns = {
  measure: measures,
  nhsNumber: people.nhsNumber,
  givenName: people.givenName,
  familyName: people.familyName,
}

type Row = { measure: MeasureRow; nhsNumber: string | null; givenName: string; familyName: string }

function toFhirMeasure({ measure, nhsNumber, givenName, familyName }: Row): FhirMeasure {
  return { ...toMeasure(measure), referralId: measure.referralId, nhsNumber, personName: `${givenName} ${familyName}` }
}

function joinPerson(scope: AnyScope) {
  return and(
    eq(people.organisationId, measures.organisationId),
    eq(people.id, measures.personId),
    inTenant(scope, people),
  )
}

export async function findMeasure(scope: AnyScope, measureId: string): Promise<FhirMeasure | undefined> {
  const [row] = await scope.db
    .select(columns)
    .from(measures)
    .innerJoin(people, joinPerson(scope))
    .where(inTenant(scope, measures, eq(measures.id, measureId)))
  return row && toFhirMeasure(row)
}

/** A page of measures, newest recorded first, with the count of all that match (for Bundle.total). */
export async function searchMeasures(
  scope: AnyScope,
  search: MeasureSearch,
  page: { limit: number; offset: number },
): Promise<{ rows: FhirMeasure[]; total: number }> {
  const conditions: (SQL | undefined)[] = [
    search.measureId ? eq(measures.id, search.measureId) : undefined,
    search.personIds ? anyOf(measures.personId, search.personIds) : undefined,
    search.referralId ? eq(measures.referralId, search.referralId) : undefined,
    search.instrumentKey ? eq(measures.instrumentKey, search.instrumentKey) : undefined,
    search.instrumentVersion !== undefined ? eq(measures.instrumentVersion, search.instrumentVersion) : undefined,
    search.createdAfter ? gt(measures.createdAt, search.createdAfter) : undefined,
    search.createdBefore ? lte(measures.createdAt, search.createdBefore) : undefined,
  ]
  const where = inTenant(scope, measures, ...conditions)
  const [rows, [count]] = await Promise.all([
    scope.db
      .select(columns)
      .from(measures)
      .innerJoin(people, joinPerson(scope))
      .where(where)
      .orderBy(desc(measures.createdAt), desc(measures.id))
      .limit(page.limit)
      .offset(page.offset),
    scope.db
      .select({ total: sql<number>`count(*)::int` })
      .from(measures)
      .where(where),
  ])
  return { rows: rows.map(toFhirMeasure), total: count?.total ?? 0 }
}

/** Everyone here with this NHS number, merged records included (their measures keep the old person id). */
export async function personIdsByNhsNumber(scope: AnyScope, nhsNumber: string): Promise<string[]> {
  const rows = await scope.db
    .select({ id: people.id })
    .from(people)
    .where(inTenant(scope, people, eq(people.nhsNumber, nhsNumber)))
    .limit(50)
  return rows.map((r) => r.id)
}
