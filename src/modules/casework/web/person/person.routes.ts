// SPDX-License-Identifier: AGPL-3.0-or-later
// The person record, search and the merge tool. Casework registers them because the page composes people,
// referrals and casework.
import type { FastifyInstance } from 'fastify'
import type { SubjectAccessSource } from '../../../../platform/module.ts'
import { showBreakGlass, submitBreakGlass, submitEndBreakGlass } from './break-glass/break-glass.handler.ts'
import { showEditDetails, submitEditDetails } from './details/details.handler.ts'
import { showRecordConsent, submitRecordConsent } from './consent/consent.handler.ts'
import { showEndFlag, showRaiseFlag, submitEndFlag, submitRaiseFlag } from './flags/flags.handler.ts'
import { showCompare, submitCheckMerge, submitMerge, submitUndoMerge } from './merge/merge.handler.ts'
import { showPerson } from './person.handler.ts'
import { showSearch } from './search/search.handler.ts'
import { downloadSubjectAccess, showSubjectAccess } from './subject-access/subject-access.handler.ts'

// Everyone in the service who supports people may find and read a person's record and keep it up to date:
// supervisors anyone's, link workers the people they support or cover for, or anyone's to read by break-glass
// (ADR 0024; the rule is in person-access.service.ts).
const service = { roles: ['link-worker', 'supervisor'] } as const
// Merging records changes what everyone sees, so it is a supervisor's decision.
const supervisor = { roles: ['supervisor'] } as const

export async function registerPersonRoutes(
  app: FastifyInstance,
  subjectAccess: readonly SubjectAccessSource[],
): Promise<void> {
  app.get('/people', { config: { access: service } }, showSearch)
  app.get('/people/break-glass', { config: { access: service } }, showBreakGlass)
  app.post('/people/break-glass', { config: { access: service } }, submitBreakGlass)
  app.post('/people/break-glass/end', { config: { access: service } }, submitEndBreakGlass)
  app.get('/people/:personId', { config: { access: service } }, showPerson)
  app.get('/people/:personId/details', { config: { access: service } }, showEditDetails)
  app.post('/people/:personId/details', { config: { access: service } }, submitEditDetails)
  app.get('/people/:personId/consents/new', { config: { access: service } }, showRecordConsent)
  app.post('/people/:personId/consents', { config: { access: service } }, submitRecordConsent)
  app.get('/people/:personId/flags/new', { config: { access: service } }, showRaiseFlag)
  app.post('/people/:personId/flags', { config: { access: service } }, submitRaiseFlag)
  app.get('/people/:personId/flags/:flagId/end', { config: { access: service } }, showEndFlag)
  app.post('/people/:personId/flags/:flagId/end', { config: { access: service } }, submitEndFlag)
  app.get('/people/:personId/merge/:otherId', { config: { access: supervisor } }, showCompare)
  app.post('/people/:personId/merge/:otherId/check', { config: { access: supervisor } }, submitCheckMerge)
  app.post('/people/:personId/merge/:otherId', { config: { access: supervisor } }, submitMerge)
  app.post('/people/:personId/merges/:mergeId/undo', { config: { access: supervisor } }, submitUndoMerge)
  // Answering a subject access request is the service's (the data controller's) decision, so a supervisor's.
  app.get('/people/:personId/subject-access', { config: { access: supervisor } }, showSubjectAccess)
  app.get(
    '/people/:personId/subject-access.json',
    { config: { access: supervisor } },
    downloadSubjectAccess(subjectAccess, 'json'),
  )
  app.get(
    '/people/:personId/subject-access.pdf',
    { config: { access: supervisor } },
    downloadSubjectAccess(subjectAccess, 'pdf'),
  )
}
