// SPDX-License-Identifier: AGPL-3.0-or-later
import type { Database, Queryable, Tx } from './database.ts'

declare const orgScopeBrand: unique symbol

/**
 * A database handle bound to one organisation (the tenant). Repositories of tenant data take this, never a
 * bare `Database`, and filter every query by `organisationId`. It is created only from a signed-in request
 * (`request.orgScope()`) or, for work that has no request (jobs, the CLI, seeding), by `scopeForSystemTask`
 * with a written reason.
 */
export interface OrgScope<Q extends Queryable = Database> {
  readonly db: Q
  readonly organisationId: string
  readonly areaId: string
  readonly [orgScopeBrand]: true
}

/** The same scope, bound to a transaction: pass it to repository functions called inside `transaction()`. */
export type TxScope = OrgScope<Tx>
/** Either; repository functions that may run inside or outside a transaction take this. */
export type AnyScope = OrgScope<Queryable>

/**
 * A database handle bound to one area, the directory's tenant (ADR 0019). Staff pages pass
 * `request.orgScope()` (its `areaId` is the signed-in person's area); the provider-link and public feedback pages
 * build one from a verified token, and the open ORUK feed from the area in its address (public information, so
 * no organisation is needed). Every directory repository function takes this first.
 */
export interface AreaScope<Q extends Queryable = Queryable> {
  readonly db: Q
  readonly areaId: string
}

declare const referrerScopeBrand: unique symbol

/**
 * A database handle bound to an organisation as a referrer (a GP practice, a council team, an API client's
 * organisation). Referrals belong to the service that receives them, so these reads cross tenants, but only to
 * what this organisation sent: every "made by" read takes this, never a bare `Database` and an id. Created from a
 * signed-in request (`request.referrerScope()`) or, for the FHIR API, from the authenticated client.
 */
export interface ReferrerScope<Q extends Queryable = Database> {
  readonly db: Q
  readonly referrerOrganisationId: string
  readonly [referrerScopeBrand]: true
}

export function createReferrerScope(db: Database, referrerOrganisationId: string): ReferrerScope {
  return { db, referrerOrganisationId } as unknown as ReferrerScope
}

declare const reportScopeBrand: unique symbol

/**
 * A database handle for counting, never listing, across the services a reader may see in aggregate: a
 * supervisor's own service, or every social prescribing service in a commissioner's area. Only the reporting
 * module creates one, and the query functions that take it return counts grouped by category, never a row about
 * a person (issue #14: a commissioner never sees a person).
 */
export interface ReportScope<Q extends Queryable = Database> {
  readonly db: Q
  readonly organisationIds: readonly string[]
  readonly [reportScopeBrand]: true
}

export function createReportScope(db: Database, organisationIds: readonly string[]): ReportScope {
  return { db, organisationIds: [...organisationIds] } as unknown as ReportScope
}

export function inTransaction(scope: OrgScope, tx: Tx): TxScope {
  const bound: TxScope = { ...scope, db: tx }
  return bound
}

export function createOrgScope(db: Database, organisationId: string, areaId: string): OrgScope {
  return { db, organisationId, areaId } as unknown as OrgScope
}

/**
 * The escape hatch for code that acts for an organisation without a signed-in person in it.
 * @param reason - why this is safe; kept in the code for review, e.g. "seeding the demo area"
 */
export function scopeForSystemTask(
  db: Database,
  organisation: { id: string; areaId: string },
  reason: string,
): OrgScope {
  if (reason.trim().length < 10) throw new Error('scopeForSystemTask needs a real reason')
  return createOrgScope(db, organisation.id, organisation.areaId)
}
