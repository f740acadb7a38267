// SPDX-License-Identifier: AGPL-3.0-or-later
// A listing's history, and reviewing a change its group proposed (approve, or reject with a reason).
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, textField, type FieldErrors } from '../../../../platform/http/forms.ts'
import { approveChange, getPendingChange, listListingVersions, rejectChange } from '../../versions.service.ts'
import { readListing } from '../../listing-snapshot.service.ts'
import { editorFrom, type IdParams } from '../manage/editor.ts'

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
  const id = request.params.id
  const scope = request.orgScope()
  const { snapshot } = await readListing(scope, id)
  const versions = await listListingVersions(scope, id)
  return reply.page('modules/directory/web/history/history.njk', {
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
    'modules/directory/web/history/change.njk',
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
  const id = request.params.id
  return renderChange(reply, await getPendingChange(request.orgScope(), id), {}, '')
}

export async function submitApprove(request: FastifyRequest<IdParams>, reply: FastifyReply) {
  const id = request.params.id
  const serviceId = await approveChange(request.orgScope(), editorFrom(request), id, request.auditActor())
  return reply.redirect(`/directory/services/${serviceId}?done=approved`, 303)
}

export async function submitReject(request: FastifyRequest<IdParams>, reply: FastifyReply) {
  const id = request.params.id
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
