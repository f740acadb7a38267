// SPDX-License-Identifier: AGPL-3.0-or-later
// Editing an organisation that runs services in the area.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { NotFoundError } from '../../../../platform/http/errors.ts'
import { errorListFor, textField, type FieldErrors } from '../../../../platform/http/forms.ts'
import { findOrganizationToEdit, updateOrganizationDetails } from '../../directory.service.ts'
import { type IdParams } from '../manage/editor.ts'

// ---------------------------------------------------------------------------------------------------------
// Organisations

interface OrganizationValues {
  name: string
  description: string
  website: string
  email: string
  accreditedProvider: string
}

function renderOrganization(
  reply: FastifyReply,
  id: string,
  values: OrganizationValues,
  errors: FieldErrors,
  status = 200,
) {
  return reply.page(
    'modules/directory/web/organization/organization.njk',
    {
      pageTitle: `Edit ${values.name || 'organisation'}`,
      backLinkHref: '/directory/manage',
      action: `/directory/manage/organizations/${id}/edit`,
      values,
      errors,
      errorList: errorListFor(errors),
    },
    status,
  )
}

export async function showEditOrganization(request: FastifyRequest<IdParams>, reply: FastifyReply) {
  const id = request.params.id
  const organization = await findOrganizationToEdit(request.orgScope(), id)
  if (!organization) throw new NotFoundError('organisation')
  return renderOrganization(
    reply,
    id,
    {
      name: organization.name,
      description: organization.description,
      website: organization.website ?? '',
      email: organization.email ?? '',
      accreditedProvider: organization.accreditedProvider ? 'yes' : '',
    },
    {},
  )
}

export async function submitEditOrganization(request: FastifyRequest<IdParams>, reply: FastifyReply) {
  const id = request.params.id
  const values: OrganizationValues = {
    name: textField(request.body, 'name', 200),
    description: textField(request.body, 'description', 2000),
    website: textField(request.body, 'website', 500),
    email: textField(request.body, 'email', 254),
    accreditedProvider: textField(request.body, 'accreditedProvider', 3),
  }
  const errors: FieldErrors = {}
  if (!values.name) errors['name'] = 'Enter the organisation’s name'
  else if (values.name.length > 200) errors['name'] = 'Name must be 200 characters or fewer'
  if (values.description.length > 2000) errors['description'] = 'Description must be 2000 characters or fewer'
  if (values.website && !/^https?:\/\/[^\s<>"]+\.[^\s<>"]+$/.test(values.website))
    errors['website'] = 'Enter a website address in the correct format, like https://www.example.org'
  if (values.email && !/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(values.email))
    errors['email'] = 'Enter an email address in the correct format, like name@example.org'
  if (Object.keys(errors).length > 0) return renderOrganization(reply, id, values, errors, 400)
  await updateOrganizationDetails(
    request.orgScope(),
    id,
    {
      name: values.name,
      description: values.description,
      website: values.website || null,
      email: values.email || null,
      accreditedProvider: values.accreditedProvider === 'yes',
    },
    request.auditActor(),
  )
  return reply.redirect('/directory/manage?done=organization', 303)
}
