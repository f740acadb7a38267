// SPDX-License-Identifier: AGPL-3.0-or-later
// The organisations that run the area's services (a group, a charity, the council), as the directory holds them.
import { and, asc, eq, sql } from 'drizzle-orm'
import type { Tx } from '../../platform/db/database.ts'
import type { AreaScope } from '../../platform/db/org-scope.ts'
import { inArea } from '../../platform/db/tenant.ts'
import type { OrganizationDetails } from './directory.ts'
import { directoryOrganizations, directoryServices } from './directory.table.ts'

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

/** The area's services whose organisation is run by this Waymark community provider, by name. */
export async function listServicesRunBy(
  scope: AreaScope,
  providerOrganisationId: string,
  onlyServiceId?: string,
): Promise<{ id: string; name: string }[]> {
  return scope.db
    .select({ id: directoryServices.id, name: directoryServices.name })
    .from(directoryServices)
    .innerJoin(
      directoryOrganizations,
      and(
        eq(directoryOrganizations.areaId, directoryServices.areaId),
        eq(directoryOrganizations.id, directoryServices.organizationId),
      ),
    )
    .where(
      inArea(
        scope,
        directoryServices,
        eq(directoryOrganizations.providerOrganisationId, providerOrganisationId),
        onlyServiceId ? eq(directoryServices.id, onlyServiceId) : undefined,
      ),
    )
    .orderBy(asc(directoryServices.name))
    .limit(500)
}

/** Links the organisation that runs a service to a Waymark community provider (the demo and tests do this). */
export async function setProviderOfServiceOrganization(
  scope: AreaScope,
  serviceId: string,
  providerOrganisationId: string | null,
): Promise<void> {
  await scope.db
    .update(directoryOrganizations)
    .set({ providerOrganisationId, updatedAt: new Date() })
    .where(
      inArea(
        scope,
        directoryOrganizations,
        sql`${directoryOrganizations.id} = (select s.organization_id from directory_services s
          where s.area_id = ${scope.areaId} and s.id = ${serviceId})`,
      ),
    )
}
