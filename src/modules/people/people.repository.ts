// SPDX-License-Identifier: AGPL-3.0-or-later
import { and, asc, eq, inArray, sql } from 'drizzle-orm'
import type { AnyScope } from '../../platform/db/org-scope.ts'
import {
  isConsentMethod,
  isContactMethod,
  type ConsentRecord,
  type NewConsent,
  type Person,
  type PersonDetails,
} from './person.ts'
import { consents, people } from './people.table.ts'

type PersonRow = typeof people.$inferSelect

function toPerson(row: PersonRow): Person {
  return {
    ...row,
    preferredContactMethod:
      row.preferredContactMethod && isContactMethod(row.preferredContactMethod) ? row.preferredContactMethod : null,
    contactMethodsToAvoid: row.contactMethodsToAvoid.filter(isContactMethod),
  }
}

export async function insertPerson(scope: AnyScope, details: PersonDetails): Promise<Person> {
  const [row] = await scope.db
    .insert(people)
    .values({ ...details, organisationId: scope.organisationId })
    .returning()
  return toPerson(row!)
}

export async function findPerson(scope: AnyScope, personId: string): Promise<Person | undefined> {
  const [row] = await scope.db
    .select()
    .from(people)
    .where(and(eq(people.organisationId, scope.organisationId), eq(people.id, personId)))
    .limit(1)
  return row ? toPerson(row) : undefined
}

export async function findPeople(scope: AnyScope, personIds: readonly string[]): Promise<Person[]> {
  if (personIds.length === 0) return []
  const rows = await scope.db
    .select()
    .from(people)
    .where(and(eq(people.organisationId, scope.organisationId), inArray(people.id, [...new Set(personIds)])))
  return rows.map(toPerson)
}

/** People in the service who are probably the same human: same NHS number, or same name, birth date and postcode. */
export async function findLikelyDuplicateIds(
  scope: AnyScope,
  details: Pick<PersonDetails, 'nhsNumber' | 'givenName' | 'familyName' | 'dateOfBirth' | 'postcode'>,
  excludePersonId?: string,
): Promise<string[]> {
  const sameNameDobPostcode = and(
    sql`lower(${people.familyName}) = lower(${details.familyName})`,
    eq(people.dateOfBirth, details.dateOfBirth),
    sql`lower(${people.givenName}) = lower(${details.givenName})`,
    sql`replace(${people.postcode}, ' ', '') = replace(${details.postcode}, ' ', '')`,
  )
  const match = details.nhsNumber
    ? sql`(${people.nhsNumber} = ${details.nhsNumber} or (${sameNameDobPostcode}))`
    : sameNameDobPostcode
  const rows = await scope.db
    .select({ id: people.id })
    .from(people)
    .where(
      and(
        eq(people.organisationId, scope.organisationId),
        match,
        excludePersonId ? sql`${people.id} <> ${excludePersonId}` : undefined,
      ),
    )
    .limit(50)
  return rows.map((row) => row.id)
}

export async function insertConsents(scope: AnyScope, personId: string, records: readonly NewConsent[]): Promise<void> {
  if (records.length === 0) return
  await scope.db
    .insert(consents)
    .values(records.map((record) => ({ ...record, personId, organisationId: scope.organisationId })))
}

export async function listConsents(scope: AnyScope, personId: string): Promise<ConsentRecord[]> {
  const rows = await scope.db
    .select()
    .from(consents)
    .where(and(eq(consents.organisationId, scope.organisationId), eq(consents.personId, personId)))
    .orderBy(asc(consents.recordedAt), asc(consents.scope))
  return rows.map((row) => ({
    id: row.id,
    personId: row.personId,
    referralId: row.referralId,
    scope: row.scope as ConsentRecord['scope'],
    given: row.given,
    method: isConsentMethod(row.method) ? row.method : 'verbal',
    recordedByUserId: row.recordedByUserId,
    recordedByName: row.recordedByName,
    recordedAt: row.recordedAt,
  }))
}
