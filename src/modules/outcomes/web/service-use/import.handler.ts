// SPDX-License-Identifier: AGPL-3.0-or-later
// A supervisor imports a practice's search extract of health and care use (CSV), and sees, row by row, what could
// not be used and why. The report is the response: nothing about the people is kept but the figures imported.
import type { FastifyReply, FastifyRequest } from 'fastify'
import { errorListFor } from '../../../../platform/http/forms.ts'
import { changeActorOf } from '../../../casework/index.ts'
import { importServiceUse, IMPORT_MAX_ROWS } from '../../service-use.service.ts'
import { uploadedFile } from '../upload.ts'

function render(reply: FastifyReply, model: Record<string, unknown>, error?: string, status = 200) {
  const errors: Record<string, string> = error ? { file: error } : {}
  return reply.page(
    'modules/outcomes/web/service-use/import.njk',
    {
      pageTitle: 'Import health and care use',
      backLinkHref: '/',
      maxRows: IMPORT_MAX_ROWS,
      errors,
      errorList: errorListFor(errors),
      ...model,
    },
    status,
  )
}

export async function showImportServiceUse(_request: FastifyRequest, reply: FastifyReply) {
  return render(reply, {})
}

export async function submitImportServiceUse(request: FastifyRequest, reply: FastifyReply) {
  const file = uploadedFile(request.body)
  if (!file) return render(reply, {}, 'Choose a CSV file to import', 400)
  if (!/\.csv$/i.test(file.filename)) return render(reply, {}, 'The file must be a CSV file', 400)
  const text = file.content.toString('utf8')
  if (text.includes('\u0000')) return render(reply, {}, 'The file must be a CSV file', 400)
  const actor = changeActorOf(request)
  const report = await importServiceUse(request.orgScope(), text, actor)
  return render(reply, { report: { ...report, filename: file.filename } })
}
