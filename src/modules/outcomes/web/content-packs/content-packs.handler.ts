// SPDX-License-Identifier: AGPL-3.0-or-later
// A supervisor or administrator loads the wording of a licensed questionnaire their organisation holds a licence
// for (a content pack, docs/outcomes-content-packs.md): the same check and import as the command line, with every
// problem listed and nothing loaded until the pack fits.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { z } from 'zod'
import { errorListFor, queryField } from '../../../../platform/http/forms.ts'
import { changeActorOf } from '../../../casework/index.ts'
import { contentPackSchema } from '../../catalogue.ts'
import { importContentPack, instrumentsFor, isAskable } from '../../outcomes.service.ts'
import { uploadedFile } from '../upload.ts'

const MAX_PROBLEMS = 50

async function render(
  request: FastifyRequest,
  reply: FastifyReply,
  state: { error?: string; problems?: string[]; loaded?: string },
  status = 200,
) {
  const instruments = await instrumentsFor(request.orgScope())
  const errors: Record<string, string> = state.error ? { file: state.error } : {}
  return reply.page(
    'modules/outcomes/web/content-packs/content-packs.njk',
    {
      pageTitle: 'Licensed questionnaires',
      backLinkHref: '/',
      flash: state.loaded,
      licensed: instruments
        .filter((i) => i.licence.kind === 'licensed')
        .map((i) => ({
          name: i.name,
          key: i.key,
          version: i.version,
          loaded: isAskable(i),
          notice: i.licence.notice,
        })),
      problems: state.problems?.slice(0, MAX_PROBLEMS) ?? [],
      moreProblems: Math.max(0, (state.problems?.length ?? 0) - MAX_PROBLEMS),
      errors,
      errorList: errorListFor(errors),
    },
    status,
  )
}

export async function showContentPacks(request: FastifyRequest, reply: FastifyReply) {
  const key = queryField(request.query, 'loaded', 40)
  const loaded = key ? (await instrumentsFor(request.orgScope())).find((i) => i.key === key) : undefined
  return render(request, reply, loaded ? { loaded: `The wording of ${loaded.name} has been loaded.` } : {})
}

export async function submitContentPack(request: FastifyRequest, reply: FastifyReply) {
  const file = uploadedFile(request.body)
  if (!file) return render(request, reply, { error: 'Choose the content pack file to load' }, 400)
  if (!/\.json$/i.test(file.filename)) return render(request, reply, { error: 'The file must be a JSON file' }, 400)
  let json: unknown
  try {
    json = JSON.parse(file.content.toString('utf8'))
  } catch {
    return render(
      request,
      reply,
      { error: 'The file is not valid JSON: check it is the pack as you were given it' },
      400,
    )
  }
  const pack = contentPackSchema.safeParse(json)
  if (!pack.success)
    return render(
      request,
      reply,
      {
        error: 'The file is not a content pack: see the problems below',
        problems: z.prettifyError(pack.error).split('\n').filter(Boolean),
      },
      400,
    )
  const result = await importContentPack(request.orgScope(), pack.data, changeActorOf(request))
  if (!result.ok)
    return render(
      request,
      reply,
      {
        error: 'The pack does not fit the questionnaire, so nothing was loaded: see the problems below',
        problems: result.problems,
      },
      400,
    )
  return reply.redirect(`/outcomes/content-packs?loaded=${result.instrument.key}`, 303)
}
