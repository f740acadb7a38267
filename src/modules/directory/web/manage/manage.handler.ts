// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../../../../config.ts'
import type { EmailSender } from '../../../../platform/email/email.ts'
import { NotFoundError, UnauthenticatedError } from '../../../../platform/http/errors.ts'
import {
  errorListFor,
  pagingFrom,
  paginationFor,
  textField,
  type FieldErrors,
} from '../../../../platform/http/forms.ts'
import { formatDate, ukNow } from '../../directory.ts'
import { DirectoryError } from '../../directory.errors.ts'
import { findOrganization } from '../../organizations.repository.ts'
import { listPendingVersions, listVersions } from '../../versions.repository.ts'
import {
  approveChange,
  createProviderLink,
  getPendingChange,
  providerLinkEmail,
  rejectChange,
} from '../../versions.service.ts'
import {
  changeServiceStatus,
  confirmListing,
  createListing,
  readListing,
  updateListing,
  updateOrganizationDetails,
  type Editor,
} from '../../directory.service.ts'
import { searchDirectory } from '../../search.service.ts'
import {
  emptyListingValues,
  readListingValues,
  valuesFromSnapshot,
  type ListingValues,
} from '../listing/listing.form.ts'
import { parseAndPlace } from '../listing/listing.handler-helpers.ts'
import { listingFormModel } from '../listing/listing.presenter.ts'

const LISTING_TEMPLATE = 'modules/directory/web/manage/listing.njk'
type IdParams = { Params: { id: string } }

function editorFrom(request: FastifyRequest): Editor {
  const actor = request.actor
  if (!actor?.organisation) throw new UnauthenticatedError()
  return { userId: actor.userId, displayName: actor.displayName, email: actor.email }
}

function idOrNotFound(request: FastifyRequest<IdParams>): string {
  return request.params.id
}

// ---------------------------------------------------------------------------------------------------------
// Dashboard: changes waiting and listings that need checking

export function showManage(config: Config) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const scope = request.orgScope()
    const paging = pagingFrom(request.query, 25)
    const { today } = ukNow()
    const cutoff = new Date(Date.parse(`${today}T00:00:00Z`) - config.directoryFreshnessDays * 86_400_000)
      .toISOString()
      .slice(0, 10)
    const [pending, due] = await Promise.all([
      listPendingVersions(scope),
      searchDirectory(
        scope,
        {
          text: null,
          needCode: null,
          wayCode: null,
          centre: null,
          radiusMetres: null,
          days: [],
          timeOfDay: null,
          age: null,
          cost: null,
          accessibility: [],
          newcomers: false,
          hasCapacity: false,
          assuredBefore: cutoff,
          includeClosed: true,
          limit: paging.pageSize,
          offset: paging.offset,
        },
        config.directoryFreshnessDays,
      ),
    ])
    return reply.page('modules/directory/web/manage/manage.njk', {
      pageTitle: 'Manage the directory',
      freshnessDays: config.directoryFreshnessDays,
      pending: pending.map((p) => ({
        href: `/directory/manage/changes/${p.id}`,
        serviceName: p.serviceName,
        from: p.submittedByEmail ?? 'the provider',
        when: formatDate(p.createdAt.toISOString().slice(0, 10), true),
      })),
      due: due.items.map((item) => ({
        href: `/directory/services/${item.id}`,
        name: item.name,
        organizationName: item.organizationName,
        checked: item.assuredDate ? formatDate(item.assuredDate, true) : 'Never',
      })),
      dueTotal: due.total,
      pagination: paginationFor('/directory/manage', {}, paging, due.total),
    })
  }
}

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
    LISTING_TEMPLATE,
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
  const id = idOrNotFound(request)
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
  const id = idOrNotFound(request)
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

// ---------------------------------------------------------------------------------------------------------
// One-step actions

export async function submitStatus(request: FastifyRequest<IdParams>, reply: FastifyReply) {
  const id = idOrNotFound(request)
  const status = textField(request.body, 'status', 30)
  if (status !== 'active' && status !== 'temporarily closed' && status !== 'defunct') throw new NotFoundError('status')
  await changeServiceStatus(request.orgScope(), editorFrom(request), id, status, request.auditActor())
  return reply.redirect(`/directory/services/${id}?done=status`, 303)
}

export async function submitVerify(request: FastifyRequest<IdParams>, reply: FastifyReply) {
  const id = idOrNotFound(request)
  await confirmListing(request.orgScope(), editorFrom(request), id, request.auditActor())
  return reply.redirect(`/directory/services/${id}?done=verified`, 303)
}

export function submitSendLink(config: Config, email: EmailSender) {
  return async (request: FastifyRequest<IdParams>, reply: FastifyReply) => {
    const id = idOrNotFound(request)
    const scope = request.orgScope()
    try {
      const link = await createProviderLink(scope, id, 'staff', request.auditActor())
      const message = providerLinkEmail(config.publicUrl, link.token, link.serviceName)
      await email.send({ to: link.sentTo, ...message })
      if (email.kind === 'log') {
        // No mail server: show the link so the editor can pass it on themselves.
        return reply.page('platform/views/confirmation.njk', {
          pageTitle: 'Update link created',
          panelTitle: 'Update link created',
          paragraphs: [
            `Email is not set up on this server, so the link was not emailed to ${link.sentTo}. Send them this link yourself (it works for 14 days):`,
            `${config.publicUrl}/directory/update/${link.token}`,
          ],
          nextHref: `/directory/services/${id}`,
          nextText: 'Back to the listing',
        })
      }
      return reply.redirect(`/directory/services/${id}?done=link-sent`, 303)
    } catch (error) {
      if (error instanceof DirectoryError && error.code === 'DIRECTORY_NO_CONTACT_EMAIL') {
        return reply.page(
          'platform/views/confirmation.njk',
          {
            pageTitle: 'No contact email',
            panelTitle: 'No contact email',
            paragraphs: ['This listing has no contact email address. Edit the listing to add one, then send the link.'],
            nextHref: `/directory/manage/services/${id}/edit`,
            nextText: 'Edit the listing',
          },
          409,
        )
      }
      throw error
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// History and review

const SOURCE_LABELS: Record<string, string> = {
  staff: 'Directory team',
  provider: 'Provider',
  import: 'Imported feed',
  system: 'System',
}
const STATE_LABELS: Record<string, string> = { approved: 'Live', pending: 'Waiting for review', rejected: 'Rejected' }

export async function showHistory(request: FastifyRequest<IdParams>, reply: FastifyReply) {
  const id = idOrNotFound(request)
  const scope = request.orgScope()
  const { snapshot } = await readListing(scope, id)
  const versions = await listVersions(scope, id)
  return reply.page('modules/directory/web/manage/history.njk', {
    pageTitle: `History of ${snapshot.service.name}`,
    backLinkHref: `/directory/services/${id}`,
    serviceName: snapshot.service.name,
    rows: versions.map((v) => [
      { text: v.createdAt.toISOString().slice(0, 16).replace('T', ' ') },
      { text: SOURCE_LABELS[v.source] ?? v.source },
      { text: STATE_LABELS[v.state] ?? v.state },
      { html: v.state === 'pending' ? `<a href="/directory/manage/changes/${v.id}">Review</a>` : '' },
    ]),
  })
}

function renderChange(
  reply: FastifyReply,
  change: Awaited<ReturnType<typeof getPendingChange>>,
  errors: FieldErrors,
  note: string,
  status = 200,
): FastifyReply {
  return reply.page(
    'modules/directory/web/manage/change.njk',
    {
      pageTitle: `Review a change to ${change.current.snapshot.service.name}`,
      backLinkHref: '/directory/manage',
      serviceName: change.current.snapshot.service.name,
      serviceId: change.version.serviceId,
      versionId: change.version.id,
      state: change.version.state,
      from: change.version.submittedByEmail ?? 'the provider',
      outdated: change.outdated,
      rows: change.diff.map((d) => [
        { text: d.field },
        { text: d.before || '(empty)' },
        { text: d.after || '(empty)' },
      ]),
      errors,
      errorList: errorListFor(errors),
      note,
    },
    status,
  )
}

export async function showChange(request: FastifyRequest<IdParams>, reply: FastifyReply) {
  const id = idOrNotFound(request)
  return renderChange(reply, await getPendingChange(request.orgScope(), id), {}, '')
}

export async function submitApprove(request: FastifyRequest<IdParams>, reply: FastifyReply) {
  const id = idOrNotFound(request)
  const serviceId = await approveChange(request.orgScope(), editorFrom(request), id, request.auditActor())
  return reply.redirect(`/directory/services/${serviceId}?done=approved`, 303)
}

export async function submitReject(request: FastifyRequest<IdParams>, reply: FastifyReply) {
  const id = idOrNotFound(request)
  const note = textField(request.body, 'note', 500)
  if (note.length > 500) {
    return renderChange(
      reply,
      await getPendingChange(request.orgScope(), id),
      { note: 'Reason must be 500 characters or fewer' },
      note,
      400,
    )
  }
  const serviceId = await rejectChange(request.orgScope(), editorFrom(request), id, note || null, request.auditActor())
  return reply.redirect(`/directory/services/${serviceId}?done=rejected`, 303)
}

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
    'modules/directory/web/manage/organization.njk',
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
  const id = idOrNotFound(request)
  const organization = await findOrganization(request.orgScope(), id)
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
  const id = idOrNotFound(request)
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
