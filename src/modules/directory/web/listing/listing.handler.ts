// SPDX-License-Identifier: AGPL-3.0-or-later
// Adding a listing and editing one, as a directory editor.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { type FieldErrors } from '../../../../platform/http/forms.ts'
import { createListing, updateListing } from '../../directory.service.ts'
import { readListing } from '../../listing-snapshot.service.ts'
import { emptyListingValues, readListingValues, valuesFromSnapshot, type ListingValues } from './listing.form.ts'
import { parseAndPlace } from './listing.handler-helpers.ts'
import { listingFormModel } from './listing.presenter.ts'
import { editorFrom, type IdParams } from '../manage/editor.ts'

// ---------------------------------------------------------------------------------------------------------
// Create and edit

function renderListing(
  reply: FastifyReply,
  model: { title: string; action: string; backLinkHref: string; serviceId?: string },
  values: ListingValues,
  errors: FieldErrors,
  status = 200,
): FastifyReply {
  return reply.page(
    'modules/directory/web/listing/listing.njk',
    { pageTitle: model.title, ...model, forProvider: false, ...listingFormModel(values, errors) },
    status,
  )
}

export async function showNewListing(_request: FastifyRequest, reply: FastifyReply) {
  return renderListing(
    reply,
    { title: 'Add a service', action: '/directory/manage/services/new', backLinkHref: '/directory/manage' },
    emptyListingValues(),
    {},
  )
}

export async function submitNewListing(request: FastifyRequest, reply: FastifyReply) {
  const editor = editorFrom(request)
  const scope = request.orgScope()
  const values = readListingValues(request.body)
  const parsed = await parseAndPlace(scope.db, values, { forProvider: false })
  const model = { title: 'Add a service', action: '/directory/manage/services/new', backLinkHref: '/directory/manage' }
  if (!parsed.ok) return renderListing(reply, model, values, parsed.errors, 400)
  const id = await createListing(scope, editor, parsed.snapshot, request.auditActor())
  return reply.redirect(`/directory/services/${id}?done=saved`, 303)
}

export async function showEditListing(request: FastifyRequest<IdParams>, reply: FastifyReply) {
  const id = request.params.id
  const { snapshot, version } = await readListing(request.orgScope(), id)
  return renderListing(
    reply,
    {
      title: `Edit ${snapshot.service.name}`,
      action: `/directory/manage/services/${id}/edit`,
      backLinkHref: `/directory/services/${id}`,
      serviceId: id,
    },
    valuesFromSnapshot(snapshot, version),
    {},
  )
}

export async function submitEditListing(request: FastifyRequest<IdParams>, reply: FastifyReply) {
  const id = request.params.id
  const editor = editorFrom(request)
  const scope = request.orgScope()
  const current = await readListing(scope, id)
  const values = readListingValues(request.body)
  const model = {
    title: `Edit ${current.snapshot.service.name}`,
    action: `/directory/manage/services/${id}/edit`,
    backLinkHref: `/directory/services/${id}`,
    serviceId: id,
  }
  const parsed = await parseAndPlace(scope.db, values, { forProvider: false })
  if (!parsed.ok) return renderListing(reply, model, values, parsed.errors, 400)
  // Someone else saved since this form was opened: show their version rather than overwrite it.
  if (values.baseVersion && values.baseVersion !== String(current.version)) {
    return renderListing(
      reply,
      model,
      { ...values, baseVersion: String(current.version) },
      { name: 'Someone else changed this listing while you were editing it. Check the details and save again' },
      409,
    )
  }
  await updateListing(scope, editor, id, parsed.snapshot, request.auditActor())
  return reply.redirect(`/directory/services/${id}?done=saved`, 303)
}
