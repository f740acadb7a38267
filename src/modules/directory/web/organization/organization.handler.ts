// SPDX-License-Identifier: AGPL-3.0-or-later
// Editing an organisation that runs services in the area.
import type { FastifyRequest } from 'fastify'
import { NotFoundError } from '../../../../platform/http/errors.ts'
import { formPage } from '../../../../platform/http/form-page.ts'
import { findOrganizationToEdit, updateOrganizationDetails } from '../../directory.service.ts'
import { listCommunityProviders } from '../../../identity/index.ts'
import type { IdParams } from '../manage/editor.ts'
import { parseOrganizationForm, readOrganizationForm, type OrganizationValues } from './organization.form.ts'

const page = formPage({
  async load(request: FastifyRequest<IdParams>) {
    const scope = request.orgScope()
    const [organization, providers] = await Promise.all([
      findOrganizationToEdit(scope, request.params.id),
      listCommunityProviders(scope.db, scope.areaId),
    ])
    if (!organization) throw new NotFoundError('organisation')
    return { ...organization, providers }
  },
  initial: (organization): Partial<OrganizationValues> => ({
    name: organization.name,
    description: organization.description,
    website: organization.website ?? '',
    email: organization.email ?? '',
    accreditedProvider: organization.accreditedProvider ? 'yes' : '',
    providerOrganisationId: organization.providerOrganisationId ?? '',
  }),
  view: (organization, { values }) => ({
    template: 'modules/directory/web/organization/organization.njk',
    model: {
      pageTitle: `Edit ${values.name || 'organisation'}`,
      backLinkHref: '/directory/manage',
      action: `/directory/manage/organizations/${organization.id}/edit`,
      providerItems: [
        { value: '', text: 'None' },
        ...organization.providers.map((p) => ({
          value: p.id,
          text: p.name,
          selected: values.providerOrganisationId === p.id,
        })),
      ],
    },
  }),
  read: readOrganizationForm,
  parse: parseOrganizationForm,
  // The chosen provider is not one of the area's community providers (the list changed, or a crafted form).
  conflict: {
    code: 'DIRECTORY_PROVIDER_NOT_FOUND',
    field: 'providerOrganisationId',
    refresh: (_found, values) => values,
  },
  async save(request, details) {
    await updateOrganizationDetails(request.orgScope(), request.params.id, details, request.auditActor())
    return '/directory/manage?done=organization'
  },
})

export const showEditOrganization = page.show
export const submitEditOrganization = page.submit
