// SPDX-License-Identifier: AGPL-3.0-or-later
// The columns and keys every organisation's table repeats (ADR 0004, ADR 0019), written once. A tenant table
// spreads `tenantColumns()` first and keys itself with these, so the tenant key leads its primary key, every
// unique key and every reference to another tenant table: no lookup by key can cross organisations, and Citus
// can distribute the table by `organisation_id` without a change of key.
import { foreignKey, primaryKey, uniqueIndex, uuid, type PgColumn } from 'drizzle-orm/pg-core'
import { organisations } from './identity.table.ts'

/** `organisation_id` (references organisations) and a random `id`. */
export function tenantColumns() {
  return {
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id),
    id: uuid().notNull().defaultRandom(),
  }
}

type TenantKeyed = { organisationId: PgColumn; id: PgColumn }

/** Primary key (organisation_id, id). */
export function tenantPrimaryKey(t: TenantKeyed) {
  return primaryKey({ columns: [t.organisationId, t.id] })
}

/** A unique index that leads with the tenant key, e.g. the submission key that makes a retried form idempotent. */
export function tenantUniqueIndex(
  name: string,
  t: { organisationId: PgColumn },
  ...columns: [PgColumn, ...PgColumn[]]
) {
  return uniqueIndex(name).on(t.organisationId, ...columns)
}

/** A reference to another tenant table's row in the same organisation: (organisation_id, column) → (organisation_id, id). */
export function tenantReference(t: { organisationId: PgColumn }, column: PgColumn, target: TenantKeyed, name?: string) {
  return foreignKey({
    columns: [t.organisationId, column],
    foreignColumns: [target.organisationId, target.id],
    ...(name ? { name } : {}),
  })
}
