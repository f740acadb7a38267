// SPDX-License-Identifier: AGPL-3.0-or-later
// The people module's part in the retention schedule (issue 13): which records have been untouched for the
// retention period, and clearing what identifies the person on them. The record itself stays (so referrals,
// episodes and outcomes still count in reports), with the year of birth for age and the postcode district for
// where needs went unmet; name, NHS number, address, contact details and what was written about them go.
import { asc, gt, isNull, lt, sql } from 'drizzle-orm'
import { anyOf, inTenant, updateTenantRowsWhereIn } from '../../platform/db/tenant.ts'
import type { AnyScope, TxScope } from '../../platform/db/org-scope.ts'
import type { SubjectIds } from '../../platform/module.ts'
import { people, personFlags, personMerges } from './people.table.ts'

/** Records not changed since `before`, not yet anonymised and not merged away, a page at a time by id. */
export async function listRetentionCandidates(
  scope: AnyScope,
  before: Date,
  page: { after: string | null; limit: number },
): Promise<string[]> {
  const rows = await scope.db
    .select({ id: people.id })
    .from(people)
    .where(
      inTenant(
        scope,
        people,
        lt(people.updatedAt, before),
        isNull(people.anonymisedAt),
        isNull(people.mergedIntoPersonId),
        page.after ? gt(people.id, page.after) : undefined,
      ),
    )
    .orderBy(asc(people.id))
    .limit(page.limit)
  return rows.map((row) => row.id)
}

/** Clears the person's identifying details and what was written about them; returns rows changed. */
export async function anonymisePeople(scope: TxScope, { personIds }: SubjectIds, now: Date): Promise<number> {
  const changed = await Promise.all([
    updateTenantRowsWhereIn(scope, people, people.id, personIds, {
      givenName: 'Anonymised',
      familyName: 'record',
      dateOfBirth: sql`date_trunc('year', ${people.dateOfBirth})::date`,
      nhsNumber: null,
      addressLine1: '',
      addressLine2: '',
      town: '',
      // The outward code (the district): where unmet needs are counted, and no more.
      postcode: sql`regexp_replace(upper(${people.postcode}), '\\s*[0-9][A-Z]{2}$', '')`,
      phone: '',
      email: '',
      contactThroughDetails: '',
      preferredContactTimes: '',
      accessNeeds: '',
      othersToInvolve: '',
      // Sex and ethnic category stay, as the year of birth does: the equity reports count them, and with the
      // rest cleared they identify nobody.
      anonymisedAt: now,
      updatedAt: now,
      version: sql`${people.version} + 1`,
    }),
    updateTenantRowsWhereIn(scope, personFlags, personFlags.personId, personIds, {
      details: '',
      endedReason: sql`case when ${personFlags.endedReason} is null then null else '' end`,
    }),
    updateTenantRowsWhereIn(scope, personMerges, personMerges.keptPersonId, personIds, { reason: '' }),
  ])
  return changed.reduce((sum, n) => sum + n, 0)
}

/** The records merged into any of these (kept) records, with the one each was merged into. */
export async function listMergedInto(
  scope: AnyScope,
  keptIds: readonly string[],
): Promise<{ id: string; keptId: string }[]> {
  if (keptIds.length === 0) return []
  const rows = await scope.db
    .select({ id: people.id, keptId: people.mergedIntoPersonId })
    .from(people)
    .where(inTenant(scope, people, anyOf(people.mergedIntoPersonId, keptIds)))
  return rows.map((row) => ({ id: row.id, keptId: row.keptId! }))
}
