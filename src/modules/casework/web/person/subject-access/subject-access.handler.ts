// SPDX-License-Identifier: AGPL-3.0-or-later
// A supervisor answers a subject access request: a page saying what the export holds, and the export as a PDF to
// read and as JSON (machine-readable, every value as stored). Each download is audited.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { SubjectAccessSource } from '../../../../../platform/module.ts'
import { exportHeldRecords } from '../../../subject-access.service.ts'
import { loadPersonOrAnswer, nameOf, personIdOf, type PersonParams } from '../shared.ts'
import { heldRecordsPdf, presentHeldRecords } from './subject-access.presenter.ts'

function serviceNameOf(request: FastifyRequest): string {
  return request.actor!.organisation!.name
}

export async function showSubjectAccess(request: FastifyRequest<PersonParams>, reply: FastifyReply) {
  const found = await loadPersonOrAnswer(request, reply, '/subject-access', 'read')
  if (!found) return reply
  const { person, mergedRecords } = found.record
  const base = `/people/${person.id}/subject-access`
  return reply.page('modules/casework/web/person/subject-access/subject-access.njk', {
    pageTitle: `Subject access request for ${nameOf(person)}`,
    backLinkHref: `/people/${person.id}`,
    personName: nameOf(person),
    serviceName: serviceNameOf(request),
    mergedRecords: mergedRecords.length,
    pdfHref: `${base}.pdf`,
    jsonHref: `${base}.json`,
  })
}

function fileNameOf(exported: { person: { familyName: string }; generatedAt: Date }, extension: string): string {
  const family = exported.person.familyName.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 40) || 'person'
  return `subject-access-${family}-${exported.generatedAt.toISOString().slice(0, 10)}.${extension}`
}

export function downloadSubjectAccess(sources: readonly SubjectAccessSource[], format: 'json' | 'pdf') {
  return async (request: FastifyRequest<PersonParams>, reply: FastifyReply) => {
    const exported = await exportHeldRecords(request.orgScope(), personIdOf(request), sources, request.auditActor())
    const serviceName = serviceNameOf(request)
    reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${fileNameOf(exported, format)}"`)
    if (format === 'pdf')
      return reply.type('application/pdf').send(await heldRecordsPdf(presentHeldRecords(exported, serviceName)))
    return reply.type('application/json; charset=utf-8').send(
      JSON.stringify(
        {
          format: 'waymark-subject-access/1',
          generatedAt: exported.generatedAt,
          service: serviceName,
          person: { id: exported.person.id, name: nameOf(exported.person), mergedRecordIds: exported.mergedRecordIds },
          sections: exported.sections,
        },
        null,
        2,
      ),
    )
  }
}
