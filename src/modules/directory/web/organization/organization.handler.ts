// SPDX-License-Identifier: AGPL-3.0-or-later
// Editing an organisation that runs services in the area.
import type { FastifyRequest } from 'fastify'
import { NotFoundError } from '../../../../platform/http/errors.ts'
import { formPage } from '../../../../platform/http/form-page.ts'
import { findOrganizationToEdit, updateOrganizationDetails } from '../../directory.service.ts'
import type { IdParams } from '../manage/editor.ts'
import { parseOrganizationForm, readOrganizationForm, type OrganizationValues } from './organization.form.ts'

const page = formPage({
  async load(request: FastifyRequest<IdParams>) {
    const organization = await findOrganizationToEdit(request.orgScope(), request.params.id)
    if (!organization) throw new NotFoundError('organisation')
    return organization
  },
  initial: (organization): Partial<OrganizationValues> => ({
    name: organization.name,
    description: organization.description,
    website: organization.website ?? '',
    email: organization.email ?? '',
    accreditedProvider: organization.accreditedProvider ? 'yes' : '',
  }),
  view: (organization, { values }) => ({
    template: 'modules/directory/web/organization/organization.njk',
    model: {
      pageTitle: `Edit ${values.name || 'organisation'}`,
      backLinkHref: '/directory/manage',
      action: `/directory/manage/organizations/${organization.id}/edit`,
    },
  }),
  read: readOrganizationForm,
  parse: parseOrganizationForm,
  async save(request, details) {
    await updateOrganizationDetails(request.orgScope(), request.params.id, details, request.auditActor())
    return '/directory/manage?done=organization'
  },
})

export const showEditOrganization = page.show
export const submitEditOrganization = page.submit
