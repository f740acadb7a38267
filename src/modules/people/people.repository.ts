// SPDX-License-Identifier: AGPL-3.0-or-later
import { and, asc, eq, inArray, isNull, sql, type AnyColumn, type SQL } from 'drizzle-orm'
import type { AnyScope, TxScope } from '../../platform/db/org-scope.ts'
import {
  isConsentMethod,
  isContactMethod,
  isContactThrough,
  type ConsentRecord,
  type ConsentScope,
  type NewConsent,
  type Person,
  type PersonDetails,
} from './person.ts'
import { consents, people } from './people.table.ts'
import { isEthnicCategory, isSex } from './demographics.ts'
import { inTenant } from '../../platform/db/tenant.ts'

type PersonRow = typeof people.$inferSelect

function toPerson(row: PersonRow): Person {
  return {
    ...row,
    preferredContactMethod:
      row.preferredContactMethod && isContactMethod(row.preferredContactMethod) ? row.preferredContactMethod : null,
    contactMethodsToAvoid: row.contactMethodsToAvoid.filter(isContactMethod),
    contactThrough: isContactThrough(row.contactThrough) ? row.contactThrough : null,
    sex: isSex(row.sex) ? row.sex : null,
    ethnicity: isEthnicCategory(row.ethnicity) ? row.ethnicity : null,
  }
}

export async function insertPerson(scope: AnyScope, details: PersonDetails, at?: Date): Promise<Person> {
  const [row] = await scope.db
    .insert(people)
    .values({ ...details, organisationId: scope.organisationId, ...(at ? { createdAt: at, updatedAt: at } : {}) })
    .returning()
  return toPerson(row!)
}

export async function findPerson(scope: AnyScope, personId: string): Promise<Person | undefined> {
  const [row] = await scope.db
    .select()
    .from(people)
    .where(inTenant(scope, people, eq(people.id, personId)))
    .limit(1)
  return row ? toPerson(row) : undefined
}

export async function findPeople(scope: AnyScope, personIds: readonly string[]): Promise<Person[]> {
  if (personIds.length === 0) return []
  const rows = await scope.db
    .select()
    .from(people)
    .where(inTenant(scope, people, inArray(people.id, [...new Set(personIds)])))
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
    .where(inTenant(scope, people, match, excludePersonId ? sql`${people.id} <> ${excludePersonId}` : undefined))
    .limit(50)
  return rows.map((row) => row.id)
}

/** Appends consent decisions; with a submission key, a retry of the same form inserts nothing. Returns the count. */
export async function insertConsents(
  scope: AnyScope,
  personId: string,
  records: readonly NewConsent[],
  submissionKey: string | null = null,
): Promise<number> {
  if (records.length === 0) return 0
  const rows = await scope.db
    .insert(consents)
    .values(records.map((record) => ({ ...record, personId, submissionKey, organisationId: scope.organisationId })))
    .onConflictDoNothing()
    .returning({ id: consents.id })
  return rows.length
}

export async function listConsents(scope: AnyScope, personId: string): Promise<ConsentRecord[]> {
  return listConsentsForPeople(scope, [personId])
}

/**
 * A condition, for other modules' queries, that holds unless the person a row names has said no to a consent
 * purpose: their newest decision for it, on their record or on one merged with it. Never asked counts as not
 * refused (the purposes that use this are opt-outs, such as evaluation).
 */
export function consentNotRefused(purpose: ConsentScope, organisationId: AnyColumn, personId: AnyColumn): SQL {
  return sql`coalesce((
    select c.given from ${consents} c
    where c.organisation_id = ${organisationId} and c.scope = ${purpose}
      and c.person_id in (
        select p.id
        from ${people} p,
          (select coalesce(q.merged_into_person_id, q.id) as id from ${people} q
           where q.organisation_id = ${organisationId} and q.id = ${personId}) root
        where p.organisation_id = ${organisationId} and (p.id = root.id or p.merged_into_person_id = root.id)
      )
    order by c.recorded_at desc
    limit 1
  ), true)`
}

/** Consent history of several records (a person and the duplicates merged into them), oldest first. */
export async function listConsentsForPeople(scope: AnyScope, personIds: readonly string[]): Promise<ConsentRecord[]> {
  if (personIds.length === 0) return []
  const rows = await scope.db
    .select()
    .from(consents)
    .where(inTenant(scope, consents, inArray(consents.personId, [...new Set(personIds)])))
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

/**
 * The records an incoming referral can join without asking anyone: same NHS number AND same date of birth
 * (ADR 0014). Returns the distinct records that hold the person (following merge pointers).
 */
export async function findExactMatchRoots(scope: AnyScope, nhsNumber: string, dateOfBirth: string): Promise<string[]> {
  const rows = await scope.db
    .selectDistinct({ id: sql<string>`coalesce(${people.mergedIntoPersonId}, ${people.id})` })
    .from(people)
    .where(inTenant(scope, people, eq(people.nhsNumber, nhsNumber), eq(people.dateOfBirth, dateOfBirth)))
    .limit(5)
  return rows.map((row) => row.id)
}

/** Locks a person's row for a read-modify-write inside a transaction. */
export async function lockPerson(scope: TxScope, personId: string): Promise<Person | undefined> {
  const [row] = await scope.db
    .select()
    .from(people)
    .where(inTenant(scope, people, eq(people.id, personId)))
    .for('update')
  return row ? toPerson(row) : undefined
}

/**
 * Changes a person's details if nobody else has since `expectedVersion` (when given); false when stale.
 */
export async function updatePersonDetails(
  scope: TxScope,
  personId: string,
  details: Partial<PersonDetails>,
  at: Date,
  expectedVersion?: number,
): Promise<boolean> {
  const rows = await scope.db
    .update(people)
    .set({ ...details, updatedAt: at, version: sql`${people.version} + 1` })
    .where(
      inTenant(
        scope,
        people,
        eq(people.id, personId),
        expectedVersion === undefined ? undefined : eq(people.version, expectedVersion),
      ),
    )
    .returning({ id: people.id })
  return rows.length > 0
}

export interface PeopleSearch {
  /** Words that must each appear in the first or last name. */
  name: string
  nhsNumber: string | null
  dateOfBirth: string | null
  /**
   * Only these records, or records that had one of them merged into them; absent for everyone in the service.
   * How casework limits a link worker's search to the people they support.
   */
  within?: readonly string[]
}

function withinRecords(ids: readonly string[]): SQL {
  if (ids.length === 0) return sql`false`
  // One parameter, however many ids: a uuid[] literal (ids come from the database, never from a user).
  const list = sql`${`{${ids.join(',')}}`}::uuid[]`
  return sql`(${people.id} = any(${list}) or exists (select 1 from ${people} merged where merged.organisation_id = ${people.organisationId} and merged.merged_into_person_id = ${people.id} and merged.id = any(${list})))`
}

/** Searches the service's people (records merged away are left out: their kept record is found instead). */
export async function searchPeople(
  scope: AnyScope,
  search: PeopleSearch,
  page: { limit: number; offset: number },
): Promise<{ rows: Person[]; total: number }> {
  const conditions: (SQL | undefined)[] = [inTenant(scope, people), isNull(people.mergedIntoPersonId)]
  for (const word of search.name.toLowerCase().split(/\s+/).filter(Boolean).slice(0, 5)) {
    const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    conditions.push(sql`lower(${people.givenName} || ' ' || ${people.familyName}) like ${pattern}`)
  }
  if (search.nhsNumber) conditions.push(eq(people.nhsNumber, search.nhsNumber))
  if (search.dateOfBirth) conditions.push(eq(people.dateOfBirth, search.dateOfBirth))
  if (search.within) conditions.push(withinRecords(search.within))
  const where = and(...conditions)
  const [rows, [count]] = await Promise.all([
    scope.db
      .select()
      .from(people)
      .where(where)
      .orderBy(asc(sql`lower(${people.familyName})`), asc(sql`lower(${people.givenName})`), asc(people.id))
      .limit(page.limit)
      .offset(page.offset),
    scope.db
      .select({ total: sql<number>`count(*)::int` })
      .from(people)
      .where(where),
  ])
  return { rows: rows.map(toPerson), total: count?.total ?? 0 }
}
