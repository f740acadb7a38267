// SPDX-License-Identifier: AGPL-3.0-or-later
// Tenancy by construction (ADR 0019): every query of a tenant table names its scope through these, so the
// tenant filter is written once, here, and a test refuses a repository that writes it by hand.
import { and, eq, sql, type SQL } from 'drizzle-orm'
import type { PgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core'
import type { Queryable } from './database.ts'

/** A table keyed by organisation (ADR 0004). */
export interface OrganisationTable {
  organisationId: PgColumn
}

/** A directory table keyed by area. */
export interface AreaTable {
  areaId: PgColumn
}

/**
 * `column = any($1)`: a list of ids as one array parameter rather than one parameter each, so the statement is the
 * same whatever the list's length and the query builder does not type every id (a caseload's lists run to hundreds;
 * typing them was a third of Drizzle's type checks in the caseload's profile). An empty list matches nothing.
 */
export function anyOf(column: PgColumn, ids: readonly string[]): SQL {
  return sql`${column} = any(${sql.param([...new Set(ids)])})`
}

/** Rows of `table` that belong to the scope's organisation and meet every condition (undefined ones are skipped). */
export function inTenant(
  scope: { readonly organisationId: string },
  table: OrganisationTable,
  ...conditions: (SQL | undefined)[]
): SQL {
  return and(eq(table.organisationId, scope.organisationId), ...conditions)!
}

/** Rows of `table` that belong to any of a report's organisations (none: no rows) and meet every condition. */
export function inTenants(
  scope: { readonly organisationIds: readonly string[] },
  table: OrganisationTable,
  ...conditions: (SQL | undefined)[]
): SQL {
  return and(anyOf(table.organisationId, scope.organisationIds), ...conditions)!
}

/** Rows of `table` in the scope's area (the directory's tenant) that meet every condition. */
export function inArea(scope: { readonly areaId: string }, table: AreaTable, ...conditions: (SQL | undefined)[]): SQL {
  return and(eq(table.areaId, scope.areaId), ...conditions)!
}

/** The values of a new row with the scope's tenant key set (and not overridable by the caller). */
export function withTenant<V extends object>(
  scope: { readonly organisationId: string },
  values: V,
): V & { organisationId: string } {
  return { ...values, organisationId: scope.organisationId }
}

/**
 * Every row of a tenant table whose `column` is one of `ids` (no ids: no query), for a person's subject access
 * export: what is held, as stored.
 */
export async function tenantRowsWhereIn(
  scope: { readonly db: Queryable; readonly organisationId: string },
  table: OrganisationTable & PgTable,
  column: PgColumn,
  ids: readonly string[],
): Promise<Record<string, unknown>[]> {
  if (ids.length === 0) return []
  return scope.db
    .select()
    .from(table)
    .where(inTenant(scope, table, anyOf(column, ids)))
}

/**
 * Overwrites `values` in every row of a tenant table whose `column` is one of `ids` (no ids: no query), for
 * anonymising a person's records under the retention schedule.
 * @returns how many rows changed
 */
export async function updateTenantRowsWhereIn<T extends OrganisationTable & PgTable>(
  scope: { readonly db: Queryable; readonly organisationId: string },
  table: T,
  column: PgColumn,
  ids: readonly string[],
  values: PgUpdateSetSource<T>,
): Promise<number> {
  if (ids.length === 0) return 0
  const result = await scope.db
    .update(table)
    .set(values)
    .where(inTenant(scope, table, anyOf(column, ids)))
  return result.rowCount ?? 0
}
