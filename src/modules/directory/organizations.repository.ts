// SPDX-License-Identifier: AGPL-3.0-or-later
// The organisations that run the area's services (a group, a charity, the council), as the directory holds them.
import { asc, eq, sql } from 'drizzle-orm'
import type { Tx } from '../../platform/db/database.ts'
import type { AreaScope } from '../../platform/db/org-scope.ts'
import { inArea } from '../../platform/db/tenant.ts'
import type { OrganizationDetails } from './directory.ts'
import { directoryOrganizations } from './directory.table.ts'

export async function listOrganizations(scope: AreaScope) {
  return scope.db
    .select({ id: directoryOrganizations.id, name: directoryOrganizations.name })
    .from(directoryOrganizations)
    .where(inArea(scope, directoryOrganizations))
    .orderBy(asc(sql`lower(${directoryOrganizations.name})`))
    .limit(2000)
}

export async function findOrganizationByName(scope: AreaScope, name: string) {
  const [row] = await scope.db
    .select({ id: directoryOrganizations.id })
    .from(directoryOrganizations)
    .where(inArea(scope, directoryOrganizations, sql`lower(${directoryOrganizations.name}) = lower(${name})`))
    .limit(1)
  return row ?? null
}

export async function insertOrganization(
  scope: AreaScope<Tx>,
  organization: {
    name: string
    description?: string
    accreditedProvider?: boolean
    website?: string | null
    email?: string | null
  },
): Promise<string> {
  const [row] = await scope.db
    .insert(directoryOrganizations)
    .values({ areaId: scope.areaId, ...organization, description: organization.description ?? '' })
    .returning({ id: directoryOrganizations.id })
  return row!.id
}

export async function updateOrganization(
  scope: AreaScope<Tx>,
  organizationId: string,
  values: OrganizationDetails,
): Promise<void> {
  await scope.db
    .update(directoryOrganizations)
    .set({ ...values, updatedAt: new Date() })
    .where(inArea(scope, directoryOrganizations, eq(directoryOrganizations.id, organizationId)))
}

export async function findOrganization(scope: AreaScope, organizationId: string) {
  const [row] = await scope.db
    .select()
    .from(directoryOrganizations)
    .where(inArea(scope, directoryOrganizations, eq(directoryOrganizations.id, organizationId)))
    .limit(1)
  return row ?? null
}
