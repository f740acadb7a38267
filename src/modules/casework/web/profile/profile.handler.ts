// SPDX-License-Identifier: AGPL-3.0-or-later
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor, queryField, type FieldErrors } from '../../../../platform/http/forms.ts'
import { photoHrefFor, type LinkWorkerProfile } from '../../link-worker-profile.ts'
import { getLinkWorkerProfile, readLinkWorkerPhoto, saveLinkWorkerProfile } from '../../link-workers.service.ts'
import { changeActorOf } from '../shared.ts'
import { parseProfileForm, readProfileForm, readUploadedPhoto, type ProfileFormValues } from './profile.form.ts'

function render(
  reply: FastifyReply,
  profile: LinkWorkerProfile,
  values: ProfileFormValues,
  errors: FieldErrors,
  status = 200,
  flash?: string,
) {
  return reply.page(
    'modules/casework/web/profile/profile.njk',
    {
      pageTitle: 'Your details for plan leaflets',
      backLinkHref: '/caseload',
      flash,
      values,
      errors,
      errorList: errorListFor(errors),
      photoHref: profile.hasPhoto ? photoHrefFor(profile.userId, profile.updatedAt) : null,
    },
    status,
  )
}

export async function showProfile(request: FastifyRequest, reply: FastifyReply) {
  const profile = await getLinkWorkerProfile(request.orgScope(), request.actor!.userId)
  const saved = queryField(request.query, 'saved', 20) === 'profile'
  return render(
    reply,
    profile,
    {
      // Until they choose otherwise, leaflets carry the name on their account.
      leafletName: profile.leafletName || profile.displayName,
      workPhone: profile.workPhone,
      workEmail: profile.workEmail,
      availability: profile.availability,
      removePhoto: '',
    },
    {},
    200,
    saved ? 'Your details for plan leaflets have been saved.' : undefined,
  )
}

export async function submitProfile(request: FastifyRequest, reply: FastifyReply) {
  const scope = request.orgScope()
  const values = readProfileForm(request.body)
  const parsed = parseProfileForm(values, readUploadedPhoto(request.body))
  if (!parsed.ok) {
    const profile = await getLinkWorkerProfile(scope, request.actor!.userId)
    return render(reply, profile, values, parsed.errors, 400)
  }
  await saveLinkWorkerProfile(scope, parsed.value.details, parsed.value.photo, changeActorOf(request))
  return reply.redirect('/caseload/profile?saved=profile', 303)
}

type PhotoParams = { Params: { userId: string } }

/** A colleague's photo. Private caching only: it is a member of staff's picture, behind a sign-in. */
export async function showPhoto(request: FastifyRequest<PhotoParams>, reply: FastifyReply) {
  const photo = await readLinkWorkerPhoto(request.orgScope(), request.params.userId)
  return reply
    .header('content-type', photo.contentType)
    .header('cache-control', 'private, max-age=3600')
    .header('x-content-type-options', 'nosniff')
    .send(photo.content)
}
